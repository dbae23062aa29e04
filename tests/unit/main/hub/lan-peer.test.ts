import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogFields } from '../../../../main/hub/hub-log.js';
import { hostProblem, startHub, type RunningHub } from '../../../../main/hub/start-hub.js';
import { connectClient, socketOf } from './hub-test-client.js';

// The hub bound to 0.0.0.0, spoken to from this machine's LAN address: a
// real non-loopback peer, as a tablet or a curious visitor's laptop would be.
// Everything but the pen endpoints (issue 3) is refused to it, and nothing it
// does (resets included) may crash the hub. An unhandled socket error would
// end a real hub's process; here it is recorded and fails the test (vitest
// would also report it as an unhandled error and fail the run).

/** This machine's first non-loopback IPv4 address; the test cannot mean anything without one. */
function lanAddress(): string {
  const found = Object.values(os.networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal && !a.address.startsWith('169.254.'));
  if (!found) {
    throw new Error('lan-peer test: this machine has no non-loopback IPv4 address (see `hostname -I`); it needs one to act as a LAN client of the hub');
  }
  return found.address;
}

let hub: RunningHub;
let lan: string;
let tmp: string;
const warnings: { message: string; fields?: LogFields }[] = [];
const errors: { message: string; fields?: LogFields }[] = [];
const uncaught: string[] = [];
const onUncaught = (error: Error): void => void uncaught.push(String(error));

beforeAll(async () => {
  process.on('uncaughtException', onUncaught);
  lan = lanAddress();
  tmp = await mkdtemp(path.join(os.tmpdir(), 'hub-lan-'));
  const displayDir = path.join(tmp, 'display');
  await mkdir(displayDir, { recursive: true });
  await writeFile(path.join(displayDir, 'index.html'), '<!doctype html><title>display</title>');
  const log = {
    info: () => {},
    warn: (message: string, fields?: LogFields) => void warnings.push({ message, fields }),
    error: (message: string, fields?: LogFields) => void errors.push({ message, fields }),
  };
  hub = await startHub({ host: '0.0.0.0', port: 0, log, displayDir });
});
afterAll(async () => {
  process.off('uncaughtException', onUncaught);
  await hub?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

interface Reply {
  status: number;
  body: string;
}

/** GET from `from` (a local address to send from) to the hub at `to`. */
function get(to: string, rawPath: string, headers: Record<string, string> = {}, from?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: to, port: hub.port, path: rawPath, headers, ...(from ? { localAddress: from } : {}) }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** A WebSocket upgrade from the LAN address; resolves with the HTTP status of the refusal. */
function upgradeFromLan(hostHeader: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://${lan}:${hub.port}/ws`, { localAddress: lan, headers: { Host: hostHeader } });
    ws.on('open', () => {
      ws.terminate();
      reject(new Error('the hub accepted a WebSocket from the LAN'));
    });
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('error', reject);
  });
}

/** A raw TCP connection from the LAN address that sends `text` and then goes away, reset or closed. */
function sendAndVanish(text: string, how: 'reset' | 'destroy'): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: lan, port: hub.port, localAddress: lan }, () => {
      socket.write(text);
      if (how === 'reset') socket.resetAndDestroy();
      else socket.destroy();
      resolve();
    });
    socket.on('error', reject);
  });
}

/** The raw bytes the hub answers to `text` from the LAN address. */
function rawExchange(text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let answer = '';
    const socket = net.connect({ host: lan, port: hub.port, localAddress: lan }, () => socket.write(text));
    socket.setEncoding('utf8');
    socket.on('data', (c: string) => (answer += c));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

const upgradeRequest = (host: string): string =>
  `GET /ws HTTP/1.1\r\nHost: ${host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`;

async function loopbackDisplayWorks(): Promise<void> {
  const { wsUrl, secret } = socketOf(hub.displayUrl);
  const client = await connectClient(wsUrl);
  client.send({ type: 'hello', role: 'display', protocol: 1, secret });
  await client.next('welcome');
  await client.next('frame');
  client.close();
  expect((await get('127.0.0.1', '/display/')).status).toBe(200);
}

describe('hub on 0.0.0.0 with a LAN peer', () => {
  it('gives a loopback display URL, which works', async () => {
    expect(hub.host).toBe('0.0.0.0');
    expect(hub.displayUrl).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${hub.port}/display/#k=`));
    await loopbackDisplayWorks();
  });

  it('refuses the display page and the API to a LAN peer, whatever Host it claims', async () => {
    const { secret } = socketOf(hub.displayUrl);
    const auth = { Authorization: `Bearer ${secret}` };
    for (const host of [`${lan}:${hub.port}`, `127.0.0.1:${hub.port}`, `localhost:${hub.port}`]) {
      for (const [rawPath, headers] of [['/display/', {}], ['/display/index.html', {}], ['/api/model', auth], ['/api/snapshots/dataset_50x/weights', auth]] as const) {
        const reply = await get(lan, rawPath, { ...headers, Host: host }, lan);
        expect(reply.status, `${rawPath} as ${host}`).toBe(404);
        expect(reply.body).not.toContain('<title>display</title>');
      }
    }
    // The same requests over loopback succeed: the 404s above are for the peer, not the paths.
    expect((await get('127.0.0.1', '/display/')).status).toBe(200);
    expect((await get('127.0.0.1', '/api/model', auth)).status).toBe(200);
  });

  it('refuses a WebSocket upgrade from a LAN peer, whatever Host it claims', async () => {
    warnings.length = 0;
    expect(await upgradeFromLan(`${lan}:${hub.port}`)).toBe(404);
    expect(await upgradeFromLan(`127.0.0.1:${hub.port}`)).toBe(404);
    // The hub saw a LAN address, so the refusal was for the peer (not only the Host).
    const refused = warnings.filter((w) => w.message === 'websocket refused');
    expect(refused.map((w) => [w.fields?.why, String(w.fields?.remote).replace(/^::ffff:/, '')])).toEqual([
      ['not loopback', lan],
      ['not loopback', lan],
    ]);
  });

  it('survives peers that send an upgrade and then reset or close, and peers that reset mid-request', async () => {
    for (let i = 0; i < 20; i++) {
      await sendAndVanish(upgradeRequest(`127.0.0.1:${hub.port}`), 'reset');
      await sendAndVanish(upgradeRequest(`${lan}:${hub.port}`), 'destroy');
      await sendAndVanish(`GET /display/ HTTP/1.1\r\nHost: 127.0.0.1:${hub.port}\r\nX-Half: `, 'reset');
      await sendAndVanish('GET /ws HTTP/1.1\r\nUpgrade: websoc', 'reset');
    }
    // Give the hub time to meet every reset on its side of the sockets.
    await new Promise((r) => setTimeout(r, 300));
    expect(uncaught).toEqual([]);
    await loopbackDisplayWorks();
    expect(errors).toEqual([]);
  });

  it('answers a malformed request from a LAN peer with 400 and closes it', async () => {
    expect(await rawExchange('BREW /coffee HTCPCP/1.0\r\n\r\n')).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    await loopbackDisplayWorks();
  });
});

describe('hosts the hub binds', () => {
  it('refuses one specific LAN address: the display would be unreachable (use 0.0.0.0)', async () => {
    await expect(startHub({ host: lan, port: 0 })).rejects.toThrow(`cannot serve on --host ${lan}: the display is served on loopback only; use --host 0.0.0.0 to also serve the LAN`);
    for (const host of ['192.0.2.77', 'fd00::2', 'kiosk.local', '[fd00::2]']) expect(hostProblem(host), host).toMatch(/use --host 0\.0\.0\.0/);
    for (const host of ['127.0.0.1', '127.0.0.2', 'localhost', 'LOCALHOST', '::1', '[::1]', '0.0.0.0', '::', '[::]']) expect(hostProblem(host), host).toBeUndefined();
  });

  it('on the IPv6 wildcard, still gives a loopback display URL that works', async () => {
    const v6 = await startHub({ host: '::', port: 0, log: { info: () => {}, warn: () => {}, error: () => {} }, displayDir: path.join(tmp, 'display') });
    try {
      expect(v6.displayUrl).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${v6.port}/display/#k=`));
      const reply = await new Promise<number>((resolve, reject) => {
        request(new URL(v6.displayUrl), (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        })
          .on('error', reject)
          .end();
      });
      expect(reply).toBe(200);
    } finally {
      await v6.close();
    }
  });
});
