import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMnist } from '../../../../main/mnist/load-mnist.js';
import { CheckpointError, CheckpointStore, checkpointDirOf } from '../../../../main/train/checkpoint-files.js';
import { selectBackend } from '../../../../main/train/tf-backend.js';
import { trainMlp, type ImageSet, type TrainResult, type TrainRun } from '../../../../main/train/train-mlp.js';

const work = mkdtempSync(path.join(os.tmpdir(), 'kiosk-checkpoint-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let run: TrainRun;
let whole: TrainResult;

beforeAll(async () => {
  const backend = (await selectBackend('wasm')).name;
  const [tr, te] = await Promise.all([loadMnist('train'), loadMnist('test')]);
  const train: ImageSet = { pixels: tr.images.pixels.subarray(0, 600 * 784), labels: tr.labels.subarray(0, 600) };
  const test: ImageSet = { pixels: te.images.pixels.subarray(0, 200 * 784), labels: te.labels.subarray(0, 200) };
  run = { hiddenDims: [24, 12], epochs: 2, batchSize: 50, lr: 1e-3, seed: 3, train, test, backend };
  whole = await trainMlp(run);
});

/** Trains until `stopAfter` batches, saving checkpoints into a fresh folder. */
async function interruptedRun(name: string, stopAfter: number): Promise<CheckpointStore> {
  const store = new CheckpointStore(path.join(work, name));
  await store.clear();
  const controller = new AbortController();
  const result = await trainMlp(run, {
    signal: controller.signal,
    onProgress: (p) => p.batchesSeen === stopAfter && controller.abort(),
    saveCheckpoint: (state) => store.save(state),
  });
  expect(result.status).toBe('interrupted');
  return store;
}

describe('training checkpoints on disk', () => {
  it('lives beside the export, named after it', () => {
    expect(checkpointDirOf(path.join('exports', 'mlp_weights.json'))).toBe(path.join('exports', 'mlp_weights.checkpoint'));
  });

  it('a run resumed from the files on disk ends exactly like the uninterrupted one', async () => {
    const store = await interruptedRun('resume', 17); // second epoch, after one epoch-end checkpoint
    const files = readdirSync(store.dir).sort();
    const models = files.filter((f) => f.startsWith('model-'));
    expect(models).toHaveLength(1); // the epoch-end one was replaced
    expect(models[0]).toMatch(/^model-17-[0-9a-f]{8}\.bin$/);
    expect(files).toContain('state.json');
    const resumed = await trainMlp(run, { resumeFrom: await new CheckpointStore(store.dir).load() });
    expect(resumed.snapshots.map((s) => s.entry)).toEqual(whole.snapshots.map((s) => s.entry));
    resumed.snapshots.forEach((s, i) =>
      s.weights.layers.forEach((layer, j) => {
        expect(Array.from(layer.weights)).toEqual(Array.from(whole.snapshots[i]!.weights.layers[j]!.weights));
        expect(Array.from(layer.biases)).toEqual(Array.from(whole.snapshots[i]!.weights.layers[j]!.biases));
      }),
    );
  });

  it('no checkpoint: a clear error that says how to start', async () => {
    await expect(new CheckpointStore(path.join(work, 'nothing-here')).load()).rejects.toThrow(/no checkpoint to resume at .*nothing-here \(run without --resume to start\)/);
  });

  it('a damaged state.json is refused, naming the file', async () => {
    const store = await interruptedRun('bad-json', 3);
    writeFileSync(path.join(store.dir, 'state.json'), '{"format": "mlp-kiosk-training-che');
    await expect(new CheckpointStore(store.dir).load()).rejects.toThrow(/state\.json is damaged \(not JSON\); delete .* to start over/);
    writeFileSync(path.join(store.dir, 'state.json'), JSON.stringify({ format: 'something else' }));
    await expect(new CheckpointStore(store.dir).load()).rejects.toThrow(CheckpointError);
  });

  it('a state.json with a field of the wrong type is refused, naming the field', async () => {
    const store = await interruptedRun('bad-field', 3);
    const state = JSON.parse(readFileSync(path.join(store.dir, 'state.json'), 'utf8'));
    state.imagesSeen = 'many';
    writeFileSync(path.join(store.dir, 'state.json'), JSON.stringify(state));
    await expect(new CheckpointStore(store.dir).load()).rejects.toThrow(/damaged or from another version \(imagesSeen: /);
  });

  it('a flipped byte in the weights, a truncated file or a missing file is detected', async () => {
    const store = await interruptedRun('bad-bin', 3);
    const model = readdirSync(store.dir).find((f) => f.startsWith('model-'))!;
    const file = path.join(store.dir, model);
    const original = readFileSync(file);
    const bytes = Buffer.from(original);
    bytes[100]! ^= 0x40;
    writeFileSync(file, bytes);
    await expect(new CheckpointStore(store.dir).load()).rejects.toThrow(/is damaged \(checksum mismatch\)/);
    writeFileSync(file, bytes.subarray(0, 1000));
    await expect(new CheckpointStore(store.dir).load()).rejects.toThrow(/is 1000 bytes, expected \d+/);
    rmSync(path.join(store.dir, 'snapshot-000.bin'));
    writeFileSync(file, original);
    await expect(new CheckpointStore(store.dir).load()).rejects.toThrow(/snapshot-000\.bin is missing/);
  });
});
