import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { argmax } from '../../../../app/model/forward.js';
import { MESSAGE_LIMITS } from '../../../../app/contract/limits.js';
import { startHub, type RunningHub } from '../../../../main/hub/start-hub.js';
import { silentLog } from '../../../../main/hub/hub-log.js';
import { SYNTHETIC_DIGITS } from '../../../support/synthetic-digits.js';
import { connectClient, socketOf, type TestClient } from './hub-test-client.js';
import { REFERENCE_MANIFEST } from '../../../helpers/fixtures.js';

// The real hub on 127.0.0.1 with the default model and the default backend,
// spoken to by real `ws` clients.
let hub: RunningHub;
let wsUrl: string;
let secret: string;

beforeAll(async () => {
  // The reference export (tests/fixtures), whose numbers this file checks; exports/ may be retrained.
  hub = await startHub({ port: 0, log: silentLog, modelPath: REFERENCE_MANIFEST });
  ({ wsUrl, secret } = socketOf(hub.displayUrl));
});
afterAll(() => hub?.close());

async function display(): Promise<TestClient> {
  const client = await connectClient(wsUrl);
  client.send({ type: 'hello', role: 'display', protocol: 1, secret });
  await client.next('welcome');
  return client;
}

describe('startHub', () => {
  it('listens on loopback and reports where', () => {
    expect(hub.host).toBe('127.0.0.1');
    expect(hub.port).toBeGreaterThan(0);
    expect(hub.url).toBe(`http://127.0.0.1:${hub.port}/`);
    expect(hub.displayUrl).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${hub.port}/display/#k=[A-Za-z0-9_-]{32}$`));
    expect(hub.backendName).toMatch(/^(js|onnxruntime-node)/);
    expect(hub.modelPath).toBe(REFERENCE_MANIFEST);
  });

  it('without --model, serves the default model in exports/', async () => {
    const other = await startHub({ port: 0, log: silentLog });
    try {
      expect(other.modelPath).toMatch(/exports[/\\]mlp_weights\.json$/);
      expect(other.snapshotId).toBe('dataset_50x');
    } finally {
      await other.close();
    }
  });

  it('welcomes a display with the model, its timeline and the backend, then sends the current frame', async () => {
    const client = await connectClient(wsUrl);
    client.send({ type: 'hello', role: 'display', protocol: 1, secret });
    const welcome = await client.next('welcome');
    expect(welcome.model.network.architecture).toEqual([784, 128, 64, 10]);
    expect(welcome.model.timeline).toHaveLength(35);
    expect(welcome.model.timeline.at(-1)).toMatchObject({ id: 'dataset_50x', accuracy: expect.any(Number) });
    expect(welcome.model.timeline[0]!.accuracy).toBeCloseTo(0.0959, 4);
    expect(welcome.snapshotId).toBe('dataset_50x');
    expect(welcome.backend).toBe(hub.backendName);
    const frame = await client.next('frame');
    expect(frame.empty).toBe(true);
    expect(frame.input.every((v) => v === 0)).toBe(true);
    client.close();
  });

  it('turns strokes into one frame with every layer and 10 probabilities summing to 1', async () => {
    const client = await display();
    for (const digit of [1, 7]) {
      client.send({ type: 'ink', id: 100 + digit, strokes: SYNTHETIC_DIGITS[digit] });
      let frame = await client.next('frame');
      while (frame.inkId !== 100 + digit) frame = await client.next('frame');
      expect(frame.empty).toBe(false);
      expect(frame.input).toHaveLength(784);
      expect(Math.max(...frame.input)).toBe(1);
      expect(frame.activations.map((a) => a.length)).toEqual([128, 64, 10]);
      expect(frame.probabilities).toHaveLength(10);
      expect(frame.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      expect(argmax(frame.probabilities)).toBe(digit);
      expect(frame.snapshotId).toBe('dataset_50x');
      expect(frame.backend).toBe(hub.backendName);
      expect(frame.inferenceMs).toBeGreaterThanOrEqual(0);
    }
    client.send({ type: 'clear', id: 5 });
    let cleared = await client.next('frame');
    while (cleared.inkId !== 5) cleared = await client.next('frame');
    expect(cleared.empty).toBe(true);
    client.close();
  });

  it('sends frames to every display, not only to the one drawing', async () => {
    const [drawer, watcher] = await Promise.all([display(), display()]);
    drawer.send({ type: 'ink', id: 900, strokes: SYNTHETIC_DIGITS[4] });
    let frame = await watcher.next('frame');
    while (frame.inkId !== 900) frame = await watcher.next('frame');
    expect(argmax(frame.probabilities)).toBe(4);
    drawer.close();
    watcher.close();
  });

  it('refuses a wrong secret with a typed error and closes the socket', async () => {
    const client = await connectClient(wsUrl);
    client.send({ type: 'hello', role: 'display', protocol: 1, secret: 'guess' });
    expect(await client.next('error')).toMatchObject({ code: 'unauthorized' });
    expect((await client.closed).code).toBe(4401);
  });

  it('answers messages before hello with hello-required and sends no frames', async () => {
    const client = await connectClient(wsUrl);
    client.send({ type: 'ink', id: 1, strokes: SYNTHETIC_DIGITS[1] });
    expect(await client.next('error')).toMatchObject({ code: 'hello-required' });
    client.send({ type: 'ping' });
    expect(await client.next('error')).toMatchObject({ code: 'hello-required' });
    await expect(client.next('frame', 300)).rejects.toThrow(/no "frame"/);
    client.close();
  });

  it('answers garbage with typed errors, keeps the connection and keeps serving others', async () => {
    const attacker = await display();
    const bystander = await display();
    const garbage: [string | Buffer, boolean, string][] = [
      ['not json', false, 'bad-json'],
      ['{"type":"ink","id":1,"strokes":[[[NaN,1]]]}', false, 'bad-json'],
      ['{"type":"ink","id":1,"strokes":[[[1e999,1]]]}', false, 'invalid-message'],
      ['{"type":"ink","id":1,"strokes":"lots"}', false, 'invalid-message'],
      ['{"type":"ink","id":1,"strokes":[[["1","2"]]]}', false, 'invalid-message'],
      ['{"type":"rm -rf"}', false, 'invalid-message'],
      ['[]', false, 'invalid-message'],
      ['null', false, 'invalid-message'],
      ['{"type":"hello","role":"display","protocol":1,"secret":"x"}', false, 'hello-required'],
      [Buffer.from([0xde, 0xad, 0xbe, 0xef]), true, 'bad-frame'],
      [`{"type":"ink","id":1,"strokes":${'['.repeat(100_000)}${']'.repeat(100_000)}}`, false, 'invalid-message'],
      ['x'.repeat(MESSAGE_LIMITS.maxFrameBytes + 1), false, 'too-large'],
    ];
    for (const [data, binary, code] of garbage) {
      attacker.sendRaw(data, binary);
      expect(await attacker.next('error'), String(data).slice(0, 60)).toMatchObject({ code });
    }
    // The attacker's connection still works, and so does everyone else's.
    attacker.send({ type: 'ping', t: 42 });
    expect(await attacker.next('pong')).toMatchObject({ t: 42 });
    bystander.send({ type: 'ink', id: 77, strokes: SYNTHETIC_DIGITS[0] });
    let frame = await bystander.next('frame');
    while (frame.inkId !== 77) frame = await bystander.next('frame');
    expect(argmax(frame.probabilities)).toBe(0);
    attacker.close();
    bystander.close();
  });

  it('drops a connection whose frame is beyond the hard limit (1009) and keeps serving others', async () => {
    const attacker = await display();
    attacker.sendRaw('x'.repeat(MESSAGE_LIMITS.hardMaxFrameBytes + 1));
    expect((await attacker.closed).code).toBe(1009);
    const other = await display();
    other.send({ type: 'ping' });
    await other.next('pong');
    other.close();
  });

  it('switches snapshots on request, and answers an unknown one with a typed error', async () => {
    const client = await display();
    client.send({ type: 'select-snapshot', snapshotId: 'no-such-snapshot' });
    expect(await client.next('error')).toMatchObject({ code: 'unknown-snapshot' });
    client.send({ type: 'select-snapshot', snapshotId: 'initial' });
    expect(await client.next('snapshot')).toMatchObject({ snapshotId: 'initial' });
    let frame = await client.next('frame');
    while (frame.snapshotId !== 'initial') frame = await client.next('frame');
    client.send({ type: 'select-snapshot', snapshotId: 'dataset_50x' });
    expect(await client.next('snapshot')).toMatchObject({ snapshotId: 'dataset_50x' });
    client.close();
  });

  it('refuses WebSocket upgrades from foreign origins, on other paths, or with a foreign Host', async () => {
    await expect(connectClient(wsUrl, { Origin: 'http://evil.example' })).rejects.toThrow(/403/);
    await expect(connectClient(wsUrl.replace('/ws', '/other'))).rejects.toThrow(/404/);
    await expect(connectClient(wsUrl, { Host: `evil.example:${hub.port}` })).rejects.toThrow(/404/);
    const sameOrigin = await connectClient(wsUrl, { Origin: `http://127.0.0.1:${hub.port}` });
    sameOrigin.close();
  });

  it('closes quickly with displays still connected, telling them it is going away', async () => {
    const other = await startHub({ port: 0, log: silentLog });
    const client = await connectClient(socketOf(other.displayUrl).wsUrl);
    client.send({ type: 'hello', role: 'display', protocol: 1, secret: socketOf(other.displayUrl).secret });
    await client.next('welcome');
    const started = Date.now();
    await other.close();
    expect(Date.now() - started).toBeLessThan(2_000);
    expect((await client.closed).code).toBe(1001);
  });

  it('logs bad frames (sparingly: a flood must not fill the disk)', async () => {
    const warnings: string[] = [];
    const log = { ...silentLog, warn: (message: string, fields?: Readonly<Record<string, unknown>>) => void warnings.push(`${message} ${JSON.stringify(fields)}`) };
    const logged = await startHub({ port: 0, log });
    try {
      const client = await connectClient(socketOf(logged.displayUrl).wsUrl);
      for (let i = 0; i < 50; i++) client.sendRaw('garbage');
      for (let i = 0; i < 50; i++) await client.next('error');
      const badFrames = warnings.filter((w) => w.startsWith('bad frame'));
      expect(badFrames.length).toBeGreaterThanOrEqual(1);
      expect(badFrames.length).toBeLessThanOrEqual(5);
      expect(badFrames[0]).toContain('"code":"bad-json"');
      client.close();
    } finally {
      await logged.close();
    }
  });

  it('closes a socket that never says hello', async () => {
    const quiet = await startHub({ port: 0, log: silentLog, helloTimeoutMs: 300 });
    try {
      const client = await connectClient(socketOf(quiet.displayUrl).wsUrl);
      expect(await client.next('error')).toMatchObject({ code: 'hello-required' });
      expect((await client.closed).code).toBe(4408);
    } finally {
      await quiet.close();
    }
  });
});
