import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLog } from '../../../../main/hub/hub-log.js';
import { startHub, type RunningHub } from '../../../../main/hub/start-hub.js';
import { readyLine } from '../../../../main/cli/serve-command.js';
import { SYNTHETIC_DIGITS } from '../../../support/synthetic-digits.js';
import { connectClient, socketOf, type TestClient } from './hub-test-client.js';
import { connectPen, pairTokenOf, penHello, type PenClient } from './pen-test-client.js';

// The real hub on 127.0.0.1 with the default model, a real state dir, and
// real `ws` pen clients: pairing, device tokens across a restart, revoking,
// the drawer rule and hostile frames (docs/PROTOCOL.md).
let hub: RunningHub;
let stateDir: string;
let penUrl: string;

async function start(): Promise<RunningHub> {
  return startHub({ port: 0, log: silentLog, stateDir, mdns: false });
}

beforeAll(async () => {
  stateDir = await mkdtemp(path.join(os.tmpdir(), 'pen-hub-'));
  hub = await start();
  penUrl = `ws://127.0.0.1:${hub.port}/pen/ws`;
});
afterAll(async () => {
  await hub?.close();
  await rm(stateDir, { recursive: true, force: true });
});

async function display(): Promise<TestClient> {
  const { wsUrl, secret } = socketOf(hub.displayUrl);
  const client = await connectClient(wsUrl);
  client.send({ type: 'hello', role: 'display', protocol: 1, secret });
  await client.next('welcome');
  return client;
}

/** A new pen paired by the current QR token; returns the client and its device token. */
async function pairedPen(name: string): Promise<{ pen: PenClient; token: string; deviceId: string }> {
  const pen = await connectPen(penUrl);
  pen.send(penHello({ kind: 'pair', token: pairTokenOf(hub.pairing().penUrl) }, name));
  const paired = await pen.next('paired');
  await pen.next('pen-welcome');
  pen.send({ type: 'drawing', strokes: [] });
  return { pen, token: paired.deviceToken, deviceId: paired.deviceId };
}

const stroke = (digit: number) => SYNTHETIC_DIGITS[digit]!;

async function api(method: string, route: string, secret?: string): Promise<{ status: number; body: string }> {
  const res = await fetch(`http://127.0.0.1:${hub.port}${route}`, { method, headers: secret ? { Authorization: `Bearer ${secret}` } : {} });
  return { status: res.status, body: await res.text() };
}

describe('pairing', () => {
  it('pairs by the one-time QR token, which rotates and cannot be used twice', async () => {
    const first = hub.pairing();
    expect(first.penUrl).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${hub.port}/pen/#pair=[A-Za-z0-9_-]{22}$`));
    expect(first.lan).toBe(false);
    const line = JSON.parse(readyLine(hub)) as { penUrl: string; pin: string };
    expect(line).toMatchObject({ penUrl: first.penUrl, pin: first.pin });

    const watcher = await display();
    const pen = await connectPen(penUrl);
    pen.send(penHello({ kind: 'pair', token: pairTokenOf(first.penUrl) }, 'iPad 1'));
    const paired = await pen.next('paired');
    expect(paired.deviceToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const welcome = await pen.next('pen-welcome');
    expect(welcome).toMatchObject({ deviceId: paired.deviceId, name: 'iPad 1', language: 'en', drawer: { type: 'drawer', idleTakeoverMs: 4000 } });
    // Displays get the next QR code and PIN at once.
    let next = await watcher.next('pairing');
    while (next.penUrl === first.penUrl) next = await watcher.next('pairing');
    expect(next.penUrl).not.toBe(first.penUrl);
    expect(next.pin).toMatch(/^\d{6}$/);

    const again = await connectPen(penUrl);
    again.send(penHello({ kind: 'pair', token: pairTokenOf(first.penUrl) }));
    expect(await again.next('error')).toMatchObject({ code: 'unauthorized' });
    expect((await again.closed).code).toBe(4401);
    // Stored hashed: the token itself is nowhere in the file.
    const file = await readFile(path.join(stateDir, 'paired-devices.json'), 'utf8');
    expect(file).toContain(paired.deviceId);
    expect(file).not.toContain(paired.deviceToken);
    pen.close();
    watcher.close();
  });

  it('pairs by PIN, and locks an address out after 5 wrong PINs', async () => {
    const pen = await connectPen(penUrl);
    pen.send(penHello({ kind: 'pin', pin: hub.pairing().pin }));
    await pen.next('paired');
    pen.close();

    const right = hub.pairing().pin;
    const wrong = right === '000000' ? '111111' : '000000';
    for (let i = 0; i < 4; i++) {
      const guesser = await connectPen(penUrl);
      guesser.send(penHello({ kind: 'pin', pin: wrong }));
      expect(await guesser.next('error')).toMatchObject({ code: 'unauthorized' });
      expect((await guesser.closed).code).toBe(4401);
    }
    const fifth = await connectPen(penUrl);
    fifth.send(penHello({ kind: 'pin', pin: wrong }));
    expect(await fifth.next('error')).toMatchObject({ code: 'locked-out', retryAfterMs: 60_000 });
    expect((await fifth.closed).code).toBe(4429);
    // Locked out: even the right PIN is refused now.
    const late = await connectPen(penUrl);
    late.send(penHello({ kind: 'pin', pin: hub.pairing().pin }));
    const error = await late.next('error');
    expect(error.code).toBe('locked-out');
    expect(error.retryAfterMs).toBeGreaterThan(50_000);
    expect((await late.closed).code).toBe(4429);
  });

  it('refuses unpaired clients: no hello, unknown device token, ink before hello', async () => {
    const stranger = await connectPen(penUrl);
    stranger.send(penHello({ kind: 'device', token: 'A'.repeat(43) }));
    expect(await stranger.next('error')).toMatchObject({ code: 'unauthorized' });
    expect((await stranger.closed).code).toBe(4401);
    const eager = await connectPen(penUrl);
    eager.send({ type: 'stroke-begin', stroke: 0, points: [[1, 1]] });
    expect(await eager.next('error')).toMatchObject({ code: 'hello-required' });
    expect((await eager.closed).code).toBe(4401);
  });

  it('lists and revokes devices over loopback with the secret; a revoked pen is closed with 4401', async () => {
    const { pen, deviceId, token } = await pairedPen('to revoke');
    const { secret } = socketOf(hub.displayUrl);
    expect((await api('GET', '/api/devices')).status).toBe(401);
    const listed = JSON.parse((await api('GET', '/api/devices', secret)).body) as { devices: { id: string; connected: number }[] };
    expect(listed.devices.find((d) => d.id === deviceId)).toMatchObject({ connected: 1 });
    expect(JSON.stringify(listed)).not.toContain(token);
    expect((await api('DELETE', `/api/devices/${deviceId}`)).status).toBe(401);
    expect((await api('DELETE', `/api/devices/${deviceId}`, secret)).status).toBe(204);
    expect(await pen.next('error')).toMatchObject({ code: 'revoked' });
    expect((await pen.closed).code).toBe(4401);
    expect((await api('DELETE', `/api/devices/${deviceId}`, secret)).status).toBe(404);
    const back = await connectPen(penUrl);
    back.send(penHello({ kind: 'device', token }));
    expect(await back.next('error')).toMatchObject({ code: 'unauthorized' });
  });

  it('tells loopback tools the current QR URL and PIN (GET /api/pairing with the secret), which then pair', async () => {
    const { secret } = socketOf(hub.displayUrl);
    expect((await api('GET', '/api/pairing')).status).toBe(401);
    const first = JSON.parse((await api('GET', '/api/pairing', secret)).body) as { penUrl: string; pin: string; expiresAt: number };
    expect(first).toMatchObject({ type: 'pairing', pin: hub.pairing().pin, penUrl: hub.pairing().penUrl });
    // (127.0.0.1 is locked out for PINs by an earlier test: the QR token pairs.)
    const pen = await connectPen(penUrl);
    pen.send(penHello({ kind: 'pair', token: pairTokenOf(first.penUrl) }, 'by api'));
    await pen.next('pen-welcome');
    const second = JSON.parse((await api('GET', '/api/pairing', secret)).body) as { penUrl: string; pin: string };
    expect(second).toMatchObject({ pin: hub.pairing().pin, penUrl: hub.pairing().penUrl });
    expect(second.penUrl).not.toBe(first.penUrl);
    pen.close();
  });
});

describe('drawing', () => {
  it('shows the active pen on the display, answers it with guesses, and keeps the second pen waiting until the first is idle 4 s', async () => {
    const wall = await display();
    const a = await pairedPen('pen A');
    const b = await pairedPen('pen B');
    const one = stroke(1)[0]!;
    a.pen.send({ type: 'stroke-begin', stroke: 0, points: one.slice(0, 2) });
    a.pen.send({ type: 'stroke-points', stroke: 0, points: one.slice(2) });
    a.pen.send({ type: 'stroke-end', stroke: 0 });
    const guess = await a.pen.next('guess', 5_000, (g) => g.points === one.length);
    expect(guess).toMatchObject({ digit: 1, empty: false, stroke: 0 });
    let frame = await wall.next('frame');
    while (frame.pen?.deviceId !== a.deviceId) frame = await wall.next('frame');
    expect(frame.pen).toMatchObject({ deviceId: a.deviceId, name: 'pen A' });
    expect(await b.pen.next('drawer', 2_000, (d) => d.holder === 'pen A')).toMatchObject({ active: false, free: false });
    // (next() skips what came before the guess; the history has the drawer message A got.)
    expect(a.pen.received.find((m) => m.type === 'drawer' && m.holder === 'pen A')).toMatchObject({ active: true });

    b.pen.send({ type: 'stroke-begin', stroke: 0, points: stroke(7)[0]! });
    expect(await b.pen.next('error')).toMatchObject({ code: 'not-your-turn' });
    // Idle for 4 s: every pen hears that the turn is free, and B takes it by drawing.
    expect(await b.pen.next('drawer', 6_000, (d) => d.free)).toMatchObject({ holder: 'pen A', free: true });
    b.pen.send({ type: 'stroke-end', stroke: 0 });
    b.pen.send({ type: 'drawing', strokes: stroke(7) });
    const bGuess = await b.pen.next('guess');
    expect(bGuess).toMatchObject({ digit: 7, empty: false });
    expect(await a.pen.next('drawer', 2_000, (d) => d.holder === 'pen B')).toMatchObject({ active: false });
    // The holder's clear frees the turn at once and blanks the wall.
    b.pen.send({ type: 'clear' });
    expect(await b.pen.next('guess', 5_000, (g) => g.empty)).toMatchObject({ digit: null });
    expect(await a.pen.next('drawer', 2_000, (d) => d.holder === null)).toMatchObject({ free: true });
    a.pen.send({ type: 'undo' });
    expect(await a.pen.next('guess', 5_000, (g) => g.empty)).toBeDefined();
    for (const c of [a.pen, b.pen, wall]) c.close();
  }, 20_000);

  it('the exhibit screen\'s own pad takes turns like a pen; clearing it never blanks a tablet\'s digit', async () => {
    const wall = await display();
    const { pen } = await pairedPen('pen C');
    pen.send({ type: 'drawing', strokes: stroke(1) });
    await pen.next('guess', 5_000, (g) => !g.empty);
    wall.send({ type: 'ink', id: 1, strokes: stroke(7) });
    const refused = await wall.next('error');
    expect(refused).toMatchObject({ code: 'not-your-turn' });
    expect(refused.retryAfterMs).toBeGreaterThan(0);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(4_000);
    // The pad gives up; the tablet's 1 stays on the wall (no empty frame follows).
    wall.send({ type: 'clear', id: 2 });
    // An inference takes milliseconds: half a second without an empty frame means none is coming.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(wall.received.filter((m) => m.type === 'frame').every((f) => !f.empty || f.inkId === null)).toBe(true);
    // Once the tablet is idle, the pad takes the turn and the wall shows its 7; the tablet is told.
    await pen.next('drawer', 6_000, (d) => d.free);
    wall.send({ type: 'ink', id: 3, strokes: stroke(7) });
    const shown = await wall.next('frame', 5_000, (f) => f.inkId === 3);
    expect(shown.pen).toBeUndefined();
    expect(shown.probabilities.indexOf(Math.max(...shown.probabilities))).toBe(7);
    expect(await pen.next('drawer', 2_000, (d) => d.holder === 'exhibit screen')).toMatchObject({ active: false, free: false });
    // The pad's clear now blanks the wall and frees the turn.
    wall.send({ type: 'clear', id: 4 });
    expect(await wall.next('frame', 5_000, (f) => f.inkId === 4)).toMatchObject({ empty: true });
    expect(await pen.next('drawer', 2_000, (d) => d.holder === null)).toMatchObject({ free: true });
    for (const c of [pen, wall]) c.close();
  }, 20_000);

  it('attract mode\'s ink is shown only while the turn is free and never takes it, so a visitor with a pen never waits for the demo', async () => {
    const wall = await display();
    const { pen, deviceId } = await pairedPen('pen D');
    wall.send({ type: 'ink', id: 10, strokes: stroke(7), attract: true });
    const demo = await wall.next('frame', 5_000, (f) => f.inkId === 10);
    expect(demo.probabilities.indexOf(Math.max(...demo.probabilities))).toBe(7);
    // The turn stays free: the pen draws at once, no "not your turn".
    pen.send({ type: 'drawing', strokes: stroke(1) });
    expect(await pen.next('guess', 5_000, (g) => !g.empty)).toMatchObject({ digit: 1 });
    expect(pen.received.some((m) => m.type === 'error')).toBe(false);
    await wall.next('frame', 5_000, (f) => f.pen?.deviceId === deviceId);
    // Attract ink (and its clear) sent while the pen holds the turn is dropped: the pen's 1 stays on the wall.
    wall.send({ type: 'ink', id: 11, strokes: stroke(7), attract: true });
    wall.send({ type: 'clear', id: 12, attract: true });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(wall.received.filter((m) => m.type === 'frame' && (m.inkId === 11 || m.inkId === 12))).toEqual([]);
    expect(wall.received.filter((m) => m.type === 'error')).toEqual([]);
    pen.send({ type: 'clear' });
    await pen.next('guess', 5_000, (g) => g.empty);
    for (const c of [pen, wall]) c.close();
  }, 20_000);

  it('answers out-of-sync stroke numbers and repairs by drawing; ping gets pong', async () => {
    const { pen } = await pairedPen('sync');
    pen.send({ type: 'stroke-points', stroke: 3, points: [[1, 1]] });
    expect(await pen.next('error')).toMatchObject({ code: 'out-of-sync' });
    pen.send({ type: 'ping', t: 42 });
    expect(await pen.next('pong')).toMatchObject({ t: 42 });
    pen.close();
  });

  it('a paired pen reconnects with its device token after a hub restart with the same state dir', async () => {
    const { pen, token, deviceId } = await pairedPen('survivor');
    await hub.close();
    expect((await pen.closed).code).toBe(1001);
    hub = await start();
    penUrl = `ws://127.0.0.1:${hub.port}/pen/ws`;
    const back = await connectPen(penUrl);
    back.send(penHello({ kind: 'device', token }, 'survivor'));
    expect(await back.next('pen-welcome')).toMatchObject({ deviceId, name: 'survivor' });
    back.close();
  });
});

describe('the exhibit\'s language', () => {
  it('--language de reaches the display\'s welcome and every pen\'s; the default is English', async () => {
    const wall = await display();
    expect(wall.received.find((m) => m.type === 'welcome')).toMatchObject({ language: 'en' });
    wall.close();
    const de = await startHub({ port: 0, log: silentLog, mdns: false, language: 'de' });
    try {
      const { wsUrl, secret } = socketOf(de.displayUrl);
      const client = await connectClient(wsUrl);
      client.send({ type: 'hello', role: 'display', protocol: 1, secret });
      expect(await client.next('welcome')).toMatchObject({ language: 'de' });
      const pen = await connectPen(`ws://127.0.0.1:${de.port}/pen/ws`);
      pen.send(penHello({ kind: 'pin', pin: de.pairing().pin }, 'Tablet DE'));
      expect(await pen.next('pen-welcome')).toMatchObject({ language: 'de', name: 'Tablet DE' });
      for (const c of [client, pen]) c.close();
    } finally {
      await de.close();
    }
  });
});

describe('hostile pens', () => {
  it('typed errors for garbage, binary, oversized, wrong types and out-of-range coordinates; floods are closed; another pen still gets its guesses fast', async () => {
    const { pen: bad } = await pairedPen('hostile');
    const { pen: good } = await pairedPen('good');
    const expectError = async (send: () => void, code: string) => {
      send();
      expect(await bad.next('error')).toMatchObject({ code });
    };
    await expectError(() => bad.sendRaw('{"type":'), 'bad-json');
    await expectError(() => bad.sendRaw(Buffer.from([1, 2, 3]), true), 'bad-frame');
    await expectError(() => bad.sendRaw(JSON.stringify({ type: 'stroke-points', stroke: 0, points: [[0, 0]], x: 'y'.repeat(70_000) })), 'too-large');
    await expectError(() => bad.send({ type: 'stroke-begin', stroke: '0', points: [] }), 'invalid-message');
    await expectError(() => bad.sendRaw('{"type":"stroke-begin","stroke":0,"points":[[1e999,0]]}'), 'invalid-message');
    await expectError(() => bad.send({ type: 'stroke-begin', stroke: 0, points: [[2e6, 0]] }), 'invalid-message');
    await expectError(() => bad.send({ type: 'stroke-begin', stroke: 0, points: [[0, 0, -1]] }), 'invalid-message');
    await expectError(() => bad.send({ type: 'nope' }), 'invalid-message');
    await expectError(() => bad.send(penHello({ kind: 'pin', pin: '123456' })), 'hello-required');

    // The good pen draws while the bad one floods: its guesses keep coming quickly.
    const flood = Array.from({ length: 256 }, (_, i) => [i, i]);
    const text = JSON.stringify({ type: 'stroke-points', stroke: 9, points: flood });
    const flooding = setInterval(() => {
      for (let i = 0; i < 50 && bad.ws.readyState === bad.ws.OPEN; i++) bad.sendRaw(text);
    }, 5);
    const seven = stroke(7)[0]!;
    const latencies: number[] = [];
    good.send({ type: 'stroke-begin', stroke: 0, points: seven.slice(0, 1) });
    for (let i = 1; i < seven.length; i++) {
      const sent = performance.now();
      good.send({ type: 'stroke-points', stroke: 0, points: [seven[i]] });
      await good.next('guess', 5_000, (g) => g.points === i + 1);
      latencies.push(performance.now() - sent);
    }
    const closed = await bad.closed;
    clearInterval(flooding);
    expect(closed.code).toBe(4429);
    expect(bad.received.some((m) => m.type === 'error' && m.code === 'rate-limited')).toBe(true);
    // Every one of the good pen's points was answered while the flood ran (speed is benchmarked: npm run bench -- pen).
    expect(latencies).toHaveLength(seven.length - 1);
    good.close();
  }, 20_000);

  it('before its hello a socket may send one small frame: a large or invalid one closes it at once', async () => {
    const big = await connectPen(penUrl);
    big.sendRaw(JSON.stringify({ type: 'drawing', strokes: [Array.from({ length: 4000 }, () => ['x', 'y'])] }));
    expect(await big.next('error')).toMatchObject({ code: 'too-large' });
    expect((await big.closed).code).toBe(4401);
    const garbage = await connectPen(penUrl);
    garbage.sendRaw('{"type":"hello","role":');
    expect(await garbage.next('error')).toMatchObject({ code: 'bad-json' });
    expect((await garbage.closed).code).toBe(4401);
  });

  it('a paired pen sending huge invalid drawings pays for their bytes before they are parsed, and invalid frames count towards the flood close', async () => {
    const { pen: bad } = await pairedPen('huge');
    const huge = JSON.stringify({ type: 'drawing', strokes: [Array.from({ length: 4000 }, () => ['x'.repeat(100), 'y'])] });
    expect(huge.length).toBeGreaterThan(400_000);
    for (let i = 0; i < 6; i++) bad.sendRaw(huge);
    // The byte budget holds two such frames; the rest are dropped unparsed.
    const first = await bad.next('error');
    expect(first).toMatchObject({ code: 'invalid-message' });
    expect(first.message).toMatch(/^drawing: strokes\[0\]\[0\]\[0\]: must be a finite number$/);
    expect(await bad.next('error', 5_000, (e) => e.code === 'rate-limited')).toMatchObject({ retryAfterMs: expect.any(Number) });
    for (let i = 0; i < 260 && bad.ws.readyState === bad.ws.OPEN; i++) bad.sendRaw('{"type":"undo","x":1}');
    expect((await bad.closed).code).toBe(4429);
  });

  it('only a few sockets may wait for their hello, so idle sockets cannot keep paired tablets out', async () => {
    const idle = await Promise.all(Array.from({ length: 4 }, () => connectPen(penUrl)));
    await expect(connectPen(penUrl)).rejects.toThrow(/503/);
    // A paired tablet's socket leaves the waiting room once its hello is accepted.
    idle[0]!.send(penHello({ kind: 'pair', token: pairTokenOf(hub.pairing().penUrl) }, 'latecomer'));
    await idle[0]!.next('pen-welcome');
    const next = await connectPen(penUrl);
    for (const c of [...idle, next]) c.close();
  });

  it('refuses foreign origins and rebinding host names on /pen/ws', async () => {
    await expect(connectPen(penUrl, { headers: { Origin: 'http://evil.example' } })).rejects.toThrow(/403/);
    await expect(connectPen(penUrl, { headers: { Host: `evil.example:${hub.port}` } })).rejects.toThrow(/403/);
    const ok = await connectPen(penUrl, { headers: { Origin: `http://127.0.0.1:${hub.port}` } });
    ok.close();
  });

  it('a corrupt paired-devices file is kept aside and reported; the hub starts anyway', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'pen-corrupt-'));
    await writeFile(path.join(dir, 'paired-devices.json'), '{"version":1,"devices":[{"id":');
    const other = await startHub({ port: 0, log: silentLog, stateDir: dir, mdns: false });
    try {
      expect(other.devicesProblem).toMatch(/not valid JSON; moved to .*paired-devices\.json\.corrupt-\d+/);
      expect((await readdir(dir)).some((f) => f.startsWith('paired-devices.json.corrupt-'))).toBe(true);
    } finally {
      await other.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
