import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIVE_SNAPSHOT_ID, LIVE_VERSION_HEADER, LIVE_WEIGHTS_PATH } from '../../../../../app/contract/live-training.js';
import { weightsLayout } from '../../../../../app/contract/snapshot-weights-layout.js';
import { silentLog } from '../../../../../main/hub/hub-log.js';
import { startHub, type RunningHub, type StartHubOptions } from '../../../../../main/hub/start-hub.js';
import { SYNTHETIC_DIGITS } from '../../../../support/synthetic-digits.js';
import { connectClient, socketOf, type TestClient } from '../../hub/hub-test-client.js';

// The real hub with the default model (784-128-64-10) and the real worker on a
// small MNIST subset, spoken to by `ws` display clients.
const LAYOUT = weightsLayout([
  { inDim: 784, outDim: 128 },
  { inDim: 128, outDim: 64 },
  { inDim: 64, outDim: 10 },
]);

async function display(hub: RunningHub): Promise<TestClient> {
  const { wsUrl, secret } = socketOf(hub.displayUrl);
  const client = await connectClient(wsUrl);
  client.send({ type: 'hello', role: 'display', protocol: 1, secret });
  await client.next('welcome');
  return client;
}

function fetchLive(hub: RunningHub): Promise<Response> {
  const secret = socketOf(hub.displayUrl).secret;
  return fetch(new URL(LIVE_WEIGHTS_PATH, hub.url), { headers: { Authorization: `Bearer ${secret}` } });
}

const withLive = (live: StartHubOptions['liveTraining']): Partial<StartHubOptions> => ({ liveTraining: live });

describe('live training through the hub', () => {
  let hub: RunningHub;
  beforeAll(async () => {
    // Ten passes over 12,000 images: long enough that no run here ends before the test stops it, even on a fast machine.
    hub = await startHub({ port: 0, log: silentLog, ...withLive({ run: { trainLimit: 12_000, testLimit: 500, epochs: 10, publishEveryMs: 100 } }) });
  });
  afterAll(() => hub?.close());

  it('refuses bad live-training messages with clear errors', async () => {
    const client = await display(hub);
    client.send({ type: 'live-training', action: 'go' });
    expect((await client.next('error')).message).toMatch(/^live-training: action: /);
    client.send({ type: 'live-training', action: 'start', epochs: 50 });
    expect((await client.next('error')).message).toMatch(/^live-training: .*epochs/);
    client.send({ type: 'live-training' });
    expect((await client.next('error')).code).toBe('invalid-message');
    client.close();
  });

  it('streams progress and weights, answers drawings with the live network, refuses a second start, and stops back to the model in use', async () => {
    const client = await display(hub);
    const welcome = client.received.find((m) => m.type === 'welcome')!;
    if (welcome.type !== 'welcome') throw new Error('no welcome');
    expect((await fetchLive(hub)).status).toBe(404);

    client.send({ type: 'live-training', action: 'start' });
    const starting = await client.next('live-training');
    expect(starting).toMatchObject({ state: 'starting', modelId: welcome.model.id, version: 0, epochs: 10 });
    const running = await client.next('live-training', 30_000, (m) => m.version >= 1);
    expect(running).toMatchObject({ state: 'running', imagesSeen: 0, totalImages: 120_000, testImages: 500 });
    expect(['wasm', 'cpu']).toContain(running.backend);

    // One run at a time, for every display.
    const other = await display(hub);
    expect(other.received.some((m) => m.type === 'live-training' && m.state === 'running')).toBe(true);
    other.send({ type: 'live-training', action: 'start' });
    const refused = await other.next('error');
    expect(refused).toMatchObject({ code: 'live-training-refused', message: 'a live training run is already in progress' });
    other.close();

    const later = await client.next('live-training', 30_000, (m) => m.version >= running.version + 2 && m.imagesSeen > 0);
    expect(later.imagesSeen).toBeGreaterThan(running.imagesSeen);
    expect(later.batches).toBeGreaterThan(0);
    expect(later.loss).toBeGreaterThan(0);

    const response = await fetchLive(hub);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.mlp-kiosk.weights+f32le');
    expect(Number(response.headers.get(LIVE_VERSION_HEADER))).toBeGreaterThanOrEqual(later.version);
    const weights = new Float32Array(await response.arrayBuffer());
    expect(weights.length).toBe(LAYOUT.length);
    expect(weights.every(Number.isFinite)).toBe(true);

    // A visitor's digit is answered by the young network.
    client.send({ type: 'ink', id: 1, strokes: SYNTHETIC_DIGITS[3] });
    const frame = await client.next('frame', 10_000, (f) => f.inkId === 1);
    expect(frame).toMatchObject({ snapshotId: LIVE_SNAPSHOT_ID, modelId: welcome.model.id, backend: 'js', empty: false });
    expect(frame.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    // ...and again on each new set of weights, without new ink.
    const rerun = await client.next('frame', 10_000, (f) => f.inkId === null && f.snapshotId === LIVE_SNAPSHOT_ID && !f.empty);
    expect(rerun.seq).toBeGreaterThan(frame.seq);

    client.send({ type: 'live-training', action: 'stop' });
    const stopped = await client.next('live-training', 30_000, (m) => m.state !== 'running');
    expect(stopped.state).toBe('stopped');
    expect(stopped.imagesSeen).toBeLessThan(120_000);
    // Back to the model in use, with the visitor's digit still on the wall.
    const back = await client.next('frame', 10_000, (f) => f.snapshotId === welcome.snapshotId);
    expect(back).toMatchObject({ modelId: welcome.model.id, empty: false, backend: welcome.backend });
    // The last weights stay readable (a display's fetch may cross the end).
    expect((await fetchLive(hub)).status).toBe(200);
    // A stop with nothing running is no error.
    client.send({ type: 'live-training', action: 'stop' });
    client.send({ type: 'ping', t: 1 });
    await client.next('pong');
    expect(client.received.filter((m) => m.type === 'error')).toEqual([]);
    client.close();
  });

  it('stops the run before the model in use changes (the live network copies its shape)', async () => {
    const client = await display(hub);
    client.send({ type: 'live-training', action: 'start' });
    await client.next('live-training', 30_000, (m) => m.state === 'running' && m.version >= 1);
    await hub.switchModel(hub.modelPath);
    const stopped = await client.next('live-training', 10_000, (m) => m.state !== 'running');
    expect(stopped.state).toBe('stopped');
    const welcome = await client.next('welcome');
    // Stopped before the new welcome went out: no display sees live weights for the new model.
    expect(client.received.indexOf(stopped)).toBeLessThan(client.received.indexOf(welcome));
    client.close();
  });

  it('runs to the end on its own', async () => {
    const small = await startHub({ port: 0, log: silentLog, ...withLive({ run: { trainLimit: 600, testLimit: 200, epochs: 1 } }) });
    try {
      const client = await display(small);
      client.send({ type: 'live-training', action: 'start' });
      const done = await client.next('live-training', 60_000, (m) => m.state !== 'starting' && m.state !== 'running');
      expect(done).toMatchObject({ state: 'completed', imagesSeen: 600, totalImages: 600 });
      expect(done.testAccuracy).toBeGreaterThan(0.3);
      await client.next('frame', 10_000, (f) => f.snapshotId === 'dataset_50x');
      client.close();
    } finally {
      await small.close();
    }
  });

  it('reports a crashed worker to the displays and keeps serving', async () => {
    const crashing = await startHub({ port: 0, log: silentLog, ...withLive({ run: { trainLimit: 600, testLimit: 200, epochs: 1 }, resourceLimits: { maxOldGenerationSizeMb: 2, maxYoungGenerationSizeMb: 1 } }) });
    try {
      const client = await display(crashing);
      client.send({ type: 'live-training', action: 'start' });
      const failed = await client.next('live-training', 30_000, (m) => m.state === 'failed');
      expect(failed.error).toMatch(/ERR_WORKER_OUT_OF_MEMORY|memory/i);
      // The hub still answers drawings with the model in use.
      client.send({ type: 'ink', id: 5, strokes: SYNTHETIC_DIGITS[7] });
      const frame = await client.next('frame', 10_000, (f) => f.inkId === 5);
      expect(frame.snapshotId).toBe('dataset_50x');
      const model = await fetch(new URL('/api/model', crashing.url), { headers: { Authorization: `Bearer ${socketOf(crashing.displayUrl).secret}` } });
      expect(model.status).toBe(200);
      client.close();
    } finally {
      await crashing.close();
    }
  });
});
