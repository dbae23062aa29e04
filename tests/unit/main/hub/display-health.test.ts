import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubLog } from '../../../../main/hub/hub-log.js';
import { startHub, type RunningHub } from '../../../../main/hub/start-hub.js';
import { connectClient, socketOf, type TestClient } from './hub-test-client.js';

// The display's heartbeat (ping with its frame rate) as the hub records it for
// the shell's watchdog, and the hub's `reload` message: a real hub and real
// WebSocket clients on 127.0.0.1.
const quiet: HubLog = { info: () => {}, warn: () => {}, error: () => {} };
let hub: RunningHub;
let wsUrl: string;
let secret: string;

beforeAll(async () => {
  hub = await startHub({ port: 0, log: quiet });
  ({ wsUrl, secret } = socketOf(hub.displayUrl));
});
afterAll(() => hub?.close());

async function display(): Promise<TestClient> {
  const client = await connectClient(wsUrl);
  client.send({ type: 'hello', role: 'display', protocol: 1, secret });
  await client.next('welcome');
  return client;
}

/** A ping and its pong: once the pong is back, the hub has recorded the heartbeat. */
async function beat(client: TestClient, fps?: number): Promise<void> {
  const t = Math.random();
  client.send({ type: 'ping', t, ...(fps === undefined ? {} : { fps }) });
  await client.next('pong', 10_000, (m) => m.t === t);
}

describe('display heartbeats', () => {
  it('knows no display before any said hello', () => {
    expect(hub.displayHealth()).toEqual({ displays: 0, lastHeartbeatAt: null, fps: null });
  });

  it('records the hello and every ping with its frame rate', async () => {
    const before = Date.now();
    const client = await display();
    const afterHello = hub.displayHealth();
    expect(afterHello.displays).toBe(1);
    expect(afterHello.lastHeartbeatAt).toBeGreaterThanOrEqual(before);
    expect(afterHello.fps).toBeNull();
    await beat(client, 58.5);
    expect(hub.displayHealth()).toMatchObject({ displays: 1, fps: 58.5 });
    // A ping without a frame rate (an older page) keeps the last known one.
    await beat(client);
    expect(hub.displayHealth().fps).toBe(58.5);
    client.close();
    await client.closed;
    await new Promise((r) => setTimeout(r, 50));
    const gone = hub.displayHealth();
    // A display that left is still the last one heard: its reload must not read as "never heard".
    expect(gone.displays).toBe(0);
    expect(gone.lastHeartbeatAt).toBeGreaterThanOrEqual(afterHello.lastHeartbeatAt ?? Infinity);
    expect(gone.fps).toBeNull();
  });

  it('refuses a hostile frame rate with a typed error, records nothing from it, and keeps serving', async () => {
    const client = await display();
    await beat(client, 30);
    const hostile: unknown[] = [-1, 1e9, '60', null, { n: 1 }, [60], 'NaN'];
    for (const fps of hostile) {
      client.send({ type: 'ping', t: 1, fps });
      const error = await client.next('error');
      expect(error.code).toBe('invalid-message');
      expect(error.message).toMatch(/^ping: fps: /);
    }
    // JSON has no NaN or Infinity: a hand-written frame with them is not JSON at all.
    client.sendRaw('{"type":"ping","fps":Infinity}');
    expect((await client.next('error')).code).toBe('bad-json');
    expect(hub.displayHealth().fps).toBe(30);
    await beat(client, 12);
    expect(hub.displayHealth().fps).toBe(12);
    client.close();
    await client.closed;
    await new Promise((r) => setTimeout(r, 50));
  });

  it('pings before hello are not heartbeats', async () => {
    const stranger = await connectClient(wsUrl);
    const before = hub.displayHealth();
    stranger.send({ type: 'ping', t: 1, fps: 60 });
    expect((await stranger.next('error')).code).toBe('hello-required');
    expect(hub.displayHealth()).toEqual(before);
    stranger.close();
  });

  it('tells every display to reload, with the cause', async () => {
    const a = await display();
    const b = await display();
    hub.reloadDisplays('operator');
    expect(await a.next('reload')).toEqual({ type: 'reload', cause: 'operator' });
    expect(await b.next('reload')).toEqual({ type: 'reload', cause: 'operator' });
    a.close();
    b.close();
  });
});
