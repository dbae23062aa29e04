import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubLog } from '../../../../main/hub/hub-log.js';
import { startHub, type RunningHub } from '../../../../main/hub/start-hub.js';
import { connectClient, socketOf, type TestClient } from './hub-test-client.js';

// RunningHub.isDrawing(): what the updater and the nightly restart ask before
// they restart the kiosk. A real hub and a real display socket on 127.0.0.1;
// the drawer turns idle after idleTakeoverMs (short here).
const quiet: HubLog = { info: () => {}, warn: () => {}, error: () => {} };
const IDLE_MS = 300;
let hub: RunningHub;
let client: TestClient;

beforeAll(async () => {
  hub = await startHub({ port: 0, log: quiet, idleTakeoverMs: IDLE_MS });
  const { wsUrl, secret } = socketOf(hub.displayUrl);
  client = await connectClient(wsUrl);
  client.send({ type: 'hello', role: 'display', protocol: 1, secret });
  await client.next('welcome');
});
afterAll(async () => {
  client?.close();
  await hub?.close();
});

const stroke = [[[80, 60], [150, 90], [110, 200]]];

describe('hub.isDrawing', () => {
  it("is false while nobody draws, and attract mode's own ink is no visitor", async () => {
    expect(hub.isDrawing()).toBe(false);
    client.send({ type: 'ink', id: 1, strokes: stroke, attract: true });
    await client.next('frame', 10_000, (m) => m.inkId === 1);
    expect(hub.isDrawing()).toBe(false);
  });

  it("is true while a visitor's drawing is fresh, false once the pad went idle or was cleared", async () => {
    client.send({ type: 'ink', id: 2, strokes: stroke });
    await client.next('frame', 10_000, (m) => m.inkId === 2);
    expect(hub.isDrawing()).toBe(true);
    await new Promise((r) => setTimeout(r, IDLE_MS + 100));
    expect(hub.isDrawing()).toBe(false);
    client.send({ type: 'ink', id: 3, strokes: stroke });
    await client.next('frame', 10_000, (m) => m.inkId === 3);
    expect(hub.isDrawing()).toBe(true);
    client.send({ type: 'clear', id: 4 });
    await client.next('frame', 10_000, (m) => m.inkId === 4);
    expect(hub.isDrawing()).toBe(false);
  });
});
