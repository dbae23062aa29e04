import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { weightsLayout } from '../../../../../app/contract/snapshot-weights-layout.js';
import { liveTrainingProblem } from '../../../../../main/train/live/live-fit.js';
import { createLiveTrainingController, type LiveRunEnd, type LiveTrainingEvents, type LiveTrainingOptions } from '../../../../../main/train/live/live-training-controller.js';
import type { LiveProgress, LiveRunInfo } from '../../../../../main/train/live/live-worker-messages.js';

// The real worker thread (dist/main/live-training-worker.js, built by the
// global setup) training on the first MNIST images with the wasm or cpu backend.
const HIDDEN = [32, 16];
const LAYOUT = weightsLayout([
  { inDim: 784, outDim: 32 },
  { inDim: 32, outDim: 16 },
  { inDim: 16, outDim: 10 },
]);

interface Recorded {
  started: LiveRunInfo[];
  updates: { progress: LiveProgress; packed: Float32Array }[];
  ends: LiveRunEnd[];
  ended: Promise<LiveRunEnd>;
  events: LiveTrainingEvents;
}

function record(onUpdate?: (count: number) => void): Recorded {
  let resolve!: (end: LiveRunEnd) => void;
  const rec: Recorded = {
    started: [],
    updates: [],
    ends: [],
    ended: new Promise((r) => (resolve = r)),
    events: {
      onStarted: (info) => rec.started.push(info),
      onUpdate: (progress, packed) => {
        rec.updates.push({ progress, packed });
        onUpdate?.(rec.updates.length);
      },
      onEnd: (end) => {
        rec.ends.push(end);
        resolve(end);
      },
    },
  };
  return rec;
}

const small = (run: LiveTrainingOptions['run'] = {}): LiveTrainingOptions => ({ run: { trainLimit: 1_200, testLimit: 300, epochs: 1, batchSize: 32, publishEveryMs: 0, seed: 7, ...run } });

describe('live training controller (real worker)', () => {
  it('trains from random weights, posts growing progress with changing weights, and ends completed', async () => {
    const controller = createLiveTrainingController(small());
    const rec = record();
    const started = controller.start(HIDDEN, rec.events);
    expect(started).toMatchObject({ ok: true, config: { hiddenDims: HIDDEN, epochs: 1, seed: 7 } });
    expect(controller.running).toBe(true);
    // One run at a time: a second start is refused while the first runs.
    expect(controller.start(HIDDEN, record().events)).toEqual({ ok: false, reason: 'a live training run is already in progress' });

    const end = await rec.ended;
    expect(end.status).toBe('completed');
    expect(end.error).toBeUndefined();
    expect(controller.running).toBe(false);
    expect(rec.ends).toHaveLength(1);
    expect(rec.started).toHaveLength(1);
    expect(rec.started[0]).toMatchObject({ trainImages: 1_200, testImages: 300, totalImages: 1_200, normalization: { mean: 0.1307, std: 0.3081 } });
    expect(['wasm', 'cpu']).toContain(rec.started[0]!.backend);

    // publishEveryMs 0: the random network first, then every batch.
    const seen = rec.updates.map((u) => u.progress.imagesSeen);
    expect(seen[0]).toBe(0);
    expect(seen.at(-1)).toBe(1_200);
    expect(rec.updates).toHaveLength(1 + Math.ceil(1_200 / 32));
    for (let i = 1; i < seen.length; i++) expect(seen[i]!).toBeGreaterThan(seen[i - 1]!);
    for (const { packed } of rec.updates) expect(packed.length).toBe(LAYOUT.length);
    const first = rec.updates[0]!.packed;
    const last = rec.updates.at(-1)!.packed;
    let changed = 0;
    for (let i = 0; i < first.length; i++) if (first[i] !== last[i]) changed++;
    expect(changed).toBeGreaterThan(first.length / 2);
    // It learned: the loss fell and the test accuracy (at the milestones passed) rose well above chance.
    expect(rec.updates.at(-1)!.progress.loss).toBeLessThan(rec.updates[1]!.progress.loss);
    expect(end.progress?.testAccuracy).toBeGreaterThan(0.5);
    expect(end.progress?.imagesSeen).toBe(1_200);

    // A finished controller starts again.
    const again = record();
    expect(controller.start(HIDDEN, again.events).ok).toBe(true);
    await controller.stop();
    expect((await again.ended).status).toMatch(/^(stopped|completed)$/);
  });

  it('stops at the next batch when asked, and the worker is gone when stop() resolves', async () => {
    const controller = createLiveTrainingController(small({ trainLimit: 6_000, epochs: 3 }));
    let stopping: Promise<void> | undefined;
    const rec = record((n) => {
      if (n === 3) stopping = controller.stop();
    });
    expect(controller.start(HIDDEN, rec.events).ok).toBe(true);
    const end = await rec.ended;
    await stopping;
    expect(end.status).toBe('stopped');
    expect(controller.running).toBe(false);
    expect(end.progress!.imagesSeen).toBeLessThan(18_000);
    // Only the few batches done while the stop message was on its way (the run has 3 x 188).
    expect(rec.updates.length).toBeLessThan(20);
    await controller.stop(); // nothing runs: resolves at once
  });

  it('reports a crashed worker (out of memory) as a failed run and can start again', async () => {
    const crashing = createLiveTrainingController({ ...small(), resourceLimits: { maxOldGenerationSizeMb: 2, maxYoungGenerationSizeMb: 1 } });
    const rec = record();
    expect(crashing.start(HIDDEN, rec.events).ok).toBe(true);
    const end = await rec.ended;
    expect(end.status).toBe('failed');
    expect(end.error).toMatch(/ERR_WORKER_OUT_OF_MEMORY|memory/i);
    expect(rec.ends).toHaveLength(1);
    expect(crashing.running).toBe(false);

    // This process (the hub's) is fine, and a controller with room trains.
    const healthy = createLiveTrainingController(small({ trainLimit: 200, testLimit: 100 }));
    const ok = record();
    healthy.start(HIDDEN, ok.events);
    expect((await ok.ended).status).toBe('completed');
  });

  it('lowers the training thread\'s priority, never the hub\'s (Linux: nice values are per thread)', async () => {
    const before = os.getPriority();
    const controller = createLiveTrainingController(small({ trainLimit: 2_000, epochs: 2 }));
    let nices: number[] = [];
    const rec = record((n) => {
      if (n !== 3 || process.platform !== 'linux') return;
      // Field 19 of /proc/<pid>/task/<tid>/stat is the thread's nice value.
      nices = readdirSync('/proc/self/task').map((tid) => Number(readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]));
      void controller.stop();
    });
    controller.start(HIDDEN, rec.events);
    await rec.ended;
    expect(os.getPriority()).toBe(before);
    if (process.platform === 'linux') {
      expect(nices.filter((n) => n === 19)).toHaveLength(1);
      expect(nices.filter((n) => n === before).length).toBe(nices.length - 1);
    }
  });

  it('reports a run that cannot read MNIST as failed, naming the file', async () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), 'live-no-mnist-'));
    try {
      const controller = createLiveTrainingController(small({ mnistDir: empty }));
      const rec = record();
      controller.start(HIDDEN, rec.events);
      const end = await rec.ended;
      expect(end.status).toBe('failed');
      expect(end.error).toMatch(/train-images-idx3-ubyte.*missing|missing.*train-images-idx3-ubyte|t10k-images-idx3-ubyte/);
      expect(rec.updates).toHaveLength(0);
      expect(controller.running).toBe(false);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('reports a worker that cannot be found as a refusal, not a crash', () => {
    const controller = createLiveTrainingController({ workerFile: '/nonexistent/live-training-worker.js' });
    expect(controller.start(HIDDEN, {})).toEqual({ ok: false, reason: expect.stringContaining('the training worker is not built (/nonexistent/live-training-worker.js)') });
  });
});

describe('liveTrainingProblem', () => {
  it('accepts 784-...-10 networks and names what is wrong with others', () => {
    expect(liveTrainingProblem({ architecture: [784, 128, 64, 10] })).toBeUndefined();
    expect(liveTrainingProblem({ architecture: [784, 10] })).toBeUndefined();
    expect(liveTrainingProblem({ architecture: [100, 32, 10] })).toBe('live training makes 784-...-10 networks for MNIST; the model in use is 100-32-10');
    expect(liveTrainingProblem({ architecture: [784, 32, 5] })).toBe('live training makes 784-...-10 networks for MNIST; the model in use is 784-32-5');
    expect(liveTrainingProblem({ architecture: [784, 0, 10] })).toBe('the model in use has an invalid architecture 784-0-10');
  });
});
