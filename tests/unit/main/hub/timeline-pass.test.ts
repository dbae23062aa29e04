import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBase64 } from '../../../../app/model/base64.js';
import { decodeFloat16 } from '../../../../app/model/float16.js';
import { argmax } from '../../../../app/model/forward.js';
import { silentLog } from '../../../../main/hub/hub-log.js';
import { startHub, type RunningHub } from '../../../../main/hub/start-hub.js';
import type { ModelSlot } from '../../../../main/hub/model-slot.js';
import { createTimelinePass, MAX_TIMELINE_BYTES, significant4 } from '../../../../main/hub/timeline-pass.js';
import { SYNTHETIC_DIGITS } from '../../../support/synthetic-digits.js';
import { connectClient, socketOf, type TestClient } from './hub-test-client.js';

// The real hub with the default model (35 snapshots) and its default backend;
// real `ws` displays that open the timeline. Every hub message is checked
// against the contract by the test client.
let hub: RunningHub;
let wsUrl: string;
let secret: string;

beforeAll(async () => {
  hub = await startHub({ port: 0, log: silentLog });
  ({ wsUrl, secret } = socketOf(hub.displayUrl));
});
afterAll(() => hub?.close());

async function display(): Promise<TestClient> {
  const client = await connectClient(wsUrl);
  client.send({ type: 'hello', role: 'display', protocol: 1, secret });
  await client.next('welcome');
  return client;
}

describe('timeline pass', () => {
  it('classifies the drawing by every snapshot, after the live frame, for displays with the timeline open', async () => {
    const client = await display();
    client.send({ type: 'timeline', open: true });
    // Opening answers the current (blank) drawing at once.
    const opening = await client.next('timeline-frame', 30_000);
    expect(opening.empty).toBe(true);

    client.send({ type: 'ink', id: 7, strokes: SYNTHETIC_DIGITS[7] });
    const live = await client.next('frame', 10_000, (f) => f.inkId === 7);
    const tf = await client.next('timeline-frame', 30_000, (f) => f.inkId === 7);
    // The live frame went out first, and the timeline frame names it.
    const order = client.received.filter((m) => m.type === 'frame' || m.type === 'timeline-frame').map((m) => `${m.type}:${'inkId' in m ? m.inkId : ''}`);
    expect(order.indexOf('frame:7')).toBeLessThan(order.indexOf('timeline-frame:7'));
    expect(tf.seq).toBe(live.seq);
    expect(tf.modelId).toBe(live.modelId);
    expect(tf.empty).toBe(false);
    expect(tf.snapshots).toHaveLength(35);
    expect(tf.snapshots.map((s) => s.snapshotId)).toEqual((await welcomeTimeline()).map((t) => t.id));

    for (const entry of tf.snapshots) {
      expect(entry.probabilities).toHaveLength(10);
      expect(entry.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
      const hidden = decodeFloat16(decodeBase64(entry.hidden));
      expect(hidden).toHaveLength(128 + 64);
      expect(hidden.every((v) => v >= 0 && Number.isFinite(v))).toBe(true);
    }
    // The selected snapshot's entry matches the live frame (JS forward pass vs the backend; 4 significant digits).
    const selected = tf.snapshots.find((s) => s.snapshotId === live.snapshotId)!;
    selected.probabilities.forEach((p, k) => expect(p).toBeCloseTo(live.probabilities[k]!, 3));
    const hidden = decodeFloat16(decodeBase64(selected.hidden));
    const liveHidden = [...live.activations[0]!, ...live.activations[1]!];
    liveHidden.forEach((v, k) => expect(Math.abs(hidden[k]! - v)).toBeLessThan(2e-3 * Math.max(1, Math.abs(v))));
    expect(argmax(selected.probabilities)).toBe(7);

    // Random weights: near chance, nowhere near sure of anything.
    const random = tf.snapshots[0]!;
    expect(random.snapshotId).toBe('initial');
    expect(Math.max(...random.probabilities)).toBeLessThan(0.3);
    expect(Math.min(...random.probabilities)).toBeGreaterThan(0.03);
    expect(tf.passMs).toBeGreaterThan(0);
    client.close();

    async function welcomeTimeline() {
      const c = await connectClient(wsUrl);
      c.send({ type: 'hello', role: 'display', protocol: 1, secret });
      const w = await c.next('welcome');
      c.close();
      return w.model.timeline;
    }
  });

  it('sends timeline frames only to displays that have the timeline open, and stops when it is closed', async () => {
    const [watcher, other] = await Promise.all([display(), display()]);
    watcher.send({ type: 'timeline', open: true });
    await watcher.next('timeline-frame', 30_000);
    watcher.send({ type: 'ink', id: 31, strokes: SYNTHETIC_DIGITS[3] });
    await watcher.next('timeline-frame', 30_000, (f) => f.inkId === 31);
    await other.next('frame', 10_000, (f) => f.inkId === 31);

    watcher.send({ type: 'timeline', open: false });
    watcher.send({ type: 'ink', id: 32, strokes: SYNTHETIC_DIGITS[2] });
    await watcher.next('frame', 10_000, (f) => f.inkId === 32);
    // A round trip after the frame: any timeline frame for it would have been sent by now.
    watcher.send({ type: 'ping', t: 1 });
    await watcher.next('pong');
    await new Promise((r) => setTimeout(r, 200));
    expect(watcher.received.some((m) => m.type === 'timeline-frame' && m.inkId === 32)).toBe(false);
    expect(other.received.some((m) => m.type === 'timeline-frame')).toBe(false);
    watcher.close();
    other.close();
  });

  it('latest wins: a burst of drawings ends with the timeline frame of the last one', async () => {
    const client = await display();
    client.send({ type: 'timeline', open: true });
    await client.next('timeline-frame', 30_000);
    for (let id = 100; id < 120; id++) client.send({ type: 'ink', id, strokes: SYNTHETIC_DIGITS[id % 10] });
    const last = await client.next('timeline-frame', 30_000, (f) => f.inkId === 119);
    expect(argmax(last.snapshots.at(-1)!.probabilities)).toBe(9);
    // Stale drawings' passes were dropped, not queued: never more timeline frames than live frames.
    const frames = client.received.filter((m) => m.type === 'frame' && m.inkId !== null && m.inkId >= 100).length;
    const timelineFrames = client.received.filter((m) => m.type === 'timeline-frame' && m.inkId !== null && m.inkId >= 100).length;
    expect(timelineFrames).toBeLessThanOrEqual(frames);
    client.close();
  });

  it('answers hostile or invalid timeline messages with typed errors', async () => {
    const stranger = await connectClient(wsUrl);
    stranger.send({ type: 'timeline', open: true });
    expect((await stranger.next('error')).code).toBe('hello-required');
    stranger.close();

    const client = await display();
    for (const bad of [{ type: 'timeline' }, { type: 'timeline', open: 'yes' }, { type: 'timeline', open: true, snapshots: ['initial'] }, { type: 'timeline', open: 1 }]) {
      client.send(bad);
      const error = await client.next('error');
      expect(error.code).toBe('invalid-message');
      expect(error.message).toMatch(/^timeline: /);
    }
    client.sendRaw(JSON.stringify({ type: 'timeline-frame', snapshots: [] }));
    expect((await client.next('error')).code).toBe('invalid-message');
    // Still a working display afterwards.
    client.send({ type: 'timeline', open: true });
    await client.next('timeline-frame', 30_000);
    client.close();
  });

  it('keeps no timeline of a model too large to hold every snapshot in memory, and logs why', async () => {
    // A slot that only describes its model: 16,384 x 16,384 weights, 1,000 snapshots (1 TB as float32).
    const layers = [{ name: 'fc', activation: 'linear', inDim: 16_384, outDim: 16_384 }];
    const timeline = Array.from({ length: 1_000 }, (_, i) => ({ id: `s${i}` }));
    let loads = 0;
    const slot = {
      current: () => ({ info: { id: 'huge' }, model: { name: 'huge.json', network: { layers, normalization: { mean: 0, std: 1 } }, timeline } }),
      snapshotWeights: () => {
        loads++;
        return Promise.reject(new Error('must not load'));
      },
    } as unknown as ModelSlot;
    const warnings: string[] = [];
    const sent: unknown[] = [];
    const pass = createTimelinePass(slot, (f) => sent.push(f), { ...silentLog, warn: (_m, fields) => warnings.push(String(fields?.error)) });
    pass.setWatchers(1);
    pass.frameSent({ seq: 0, inkId: null, empty: true, input: new Float32Array(16_384) });
    await pass.idle();
    expect(sent).toEqual([]);
    expect(loads).toBe(0);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^the timeline of huge\.json needs \d+ MB of weights in memory, over the 512 MB the hub allows it$/);
    expect(MAX_TIMELINE_BYTES).toBe(512 * 2 ** 20);
    pass.dispose();
  });

  it('rounds probabilities to 4 significant digits', () => {
    expect(significant4(0.98765432)).toBe(0.9877);
    expect(significant4(0.000123456)).toBe(0.0001235);
    expect(significant4(0)).toBe(0);
  });
});
