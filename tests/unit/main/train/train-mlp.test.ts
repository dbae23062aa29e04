import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SnapshotWeights } from '../../../../app/model/types.js';
import { loadMnist } from '../../../../main/mnist/load-mnist.js';
import { selectBackend } from '../../../../main/train/tf-backend.js';
import { ResumeMismatchError, trainMlp, type CapturedSnapshot, type ImageSet, type TrainRun } from '../../../../main/train/train-mlp.js';
import type { TrainState } from '../../../../main/train/train-state.js';

// Real MNIST subsets on the wasm backend (what CI has). The wasm build runs
// single-threaded in Node, so its sums happen in one fixed order: runs are
// bit-for-bit repeatable.
let train: ImageSet;
let test: ImageSet;
let backend: string;

beforeAll(async () => {
  backend = (await selectBackend('wasm')).name;
  const [tr, te] = await Promise.all([loadMnist('train'), loadMnist('test')]);
  train = { pixels: tr.images.pixels.subarray(0, 1000 * 784), labels: tr.labels.subarray(0, 1000) };
  test = { pixels: te.images.pixels.subarray(0, 300 * 784), labels: te.labels.subarray(0, 300) };
});

const run = (over: Partial<TrainRun> = {}): TrainRun => ({ hiddenDims: [32, 16], epochs: 2, batchSize: 64, lr: 1e-3, seed: 7, train, test, backend, ...over });

function expectSameWeights(a: SnapshotWeights, b: SnapshotWeights): void {
  expect(a.layers.length).toBe(b.layers.length);
  a.layers.forEach((layer, i) => {
    // Bit for bit: compare the raw bytes, not the values within a tolerance.
    expect(Buffer.from(layer.weights.buffer, layer.weights.byteOffset, layer.weights.byteLength).equals(Buffer.from(b.layers[i]!.weights.buffer, b.layers[i]!.weights.byteOffset, b.layers[i]!.weights.byteLength))).toBe(true);
    expect(Array.from(layer.biases)).toEqual(Array.from(b.layers[i]!.biases));
  });
}

function expectSameSnapshots(a: readonly CapturedSnapshot[], b: readonly CapturedSnapshot[]): void {
  expect(a.map((s) => s.entry)).toEqual(b.map((s) => s.entry));
  a.forEach((s, i) => expectSameWeights(s.weights, b[i]!.weights));
}

describe('trainMlp (wasm backend, real MNIST subsets)', () => {
  it('learns: test accuracy rises from chance, the timeline follows the reference rule, the loss is the mean per image so far', async () => {
    const result = await trainMlp(run());
    expect(result.status).toBe('completed');
    const ids = result.snapshots.map((s) => s.entry.id);
    expect(ids[0]).toBe('initial');
    expect(ids.at(-1)).toBe('dataset_2x');
    expect(result.snapshots[0]!.entry.metrics.avgTrainingLoss).toBeUndefined();
    const first = result.snapshots[0]!.entry.metrics.testAccuracy!;
    expect(first).toBeLessThan(0.3);
    expect(result.finalTestAccuracy).toBeGreaterThan(first + 0.4);
    // Snapshots land on batch boundaries at or past their targets.
    for (const { entry } of result.snapshots) {
      expect(entry.imagesSeen).toBeGreaterThanOrEqual(entry.targetImages);
      expect(entry.imagesSeen - entry.targetImages).toBeLessThan(64);
    }
    // avg_training_loss as the reference computes it: the mean loss per image over everything seen so far.
    const epochLosses = result.logLines.filter((l) => l.startsWith('Epoch ')).map((l) => Number(/avg loss: ([\d.]+)/.exec(l)![1]));
    const at = (id: string) => result.snapshots.find((s) => s.entry.id === id)!.entry.metrics.avgTrainingLoss!;
    expect(at('dataset_1x')).toBeCloseTo(epochLosses[0]!, 4);
    expect(at('dataset_2x')).toBeCloseTo((epochLosses[0]! + epochLosses[1]!) / 2, 3);
    expect(result.logLines[0]).toBe('Using device: wasm');
    expect(result.logLines.filter((l) => l.startsWith('Epoch '))).toHaveLength(2);
    // Exported layers: PyTorch's [out][in] layout and names.
    const layers = result.snapshots.at(-1)!.weights.layers;
    expect(layers.map((l) => [l.name, l.activation, l.outDim, l.inDim, l.weights.length])).toEqual([
      ['dense_0', 'relu', 32, 784, 32 * 784],
      ['dense_1', 'relu', 16, 32, 16 * 32],
      ['dense_2', 'linear', 10, 16, 160],
    ]);
  });

  it('same seed, same backend: identical snapshots bit for bit; another seed differs', async () => {
    const a = await trainMlp(run({ epochs: 1 }));
    const b = await trainMlp(run({ epochs: 1 }));
    expectSameSnapshots(a.snapshots, b.snapshots);
    const c = await trainMlp(run({ epochs: 1, seed: 8 }));
    expect(Array.from(c.snapshots[0]!.weights.layers[0]!.weights.slice(0, 8))).not.toEqual(Array.from(a.snapshots[0]!.weights.layers[0]!.weights.slice(0, 8)));
  });

  it('initial weights follow nn.Linear: U(-1/sqrt(fan_in), 1/sqrt(fan_in))', async () => {
    const result = await trainMlp(run({ skipTrain: true }));
    expect(result.snapshots.map((s) => s.entry.id)).toEqual(['initial']);
    for (const layer of result.snapshots[0]!.weights.layers) {
      const bound = 1 / Math.sqrt(layer.inDim);
      const all = [...layer.weights, ...layer.biases];
      expect(Math.max(...all.map(Math.abs))).toBeLessThanOrEqual(bound);
      expect(Math.max(...all.map(Math.abs))).toBeGreaterThan(bound * 0.9);
    }
  });

  it('frees every tensor: the count does not grow across batches and epochs, and is back where it was after the run', async () => {
    const before = tf.memory().numTensors;
    const counts: number[] = [];
    const epochCounts: number[] = [];
    await trainMlp(run({ epochs: 3 }), {
      onProgress: (p) => {
        if (p.batchesSeen > 1) counts.push(tf.memory().numTensors);
      },
      onEpochEnd: () => {
        epochCounts.push(tf.memory().numTensors);
      },
    });
    expect(counts.length).toBeGreaterThan(40);
    expect(new Set(counts).size).toBe(1);
    expect(new Set(epochCounts).size).toBe(1);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('calls the augmentation hook once per training sample with the trainer\'s seeded generator (reproducible)', async () => {
    const seen: number[] = [];
    const augment = (pixels: Float32Array, rng: { next(): number }) => {
      seen.push(pixels.length);
      const shift = rng.next() * 0.1;
      return pixels.map((v) => Math.min(1, v + shift));
    };
    const a = await trainMlp(run({ epochs: 1 }), { augment, augmentName: 'test-brighten' });
    expect(seen).toHaveLength(1000);
    expect(new Set(seen)).toEqual(new Set([784]));
    const b = await trainMlp(run({ epochs: 1 }), { augment, augmentName: 'test-brighten' });
    expectSameSnapshots(a.snapshots, b.snapshots);
    const plain = await trainMlp(run({ epochs: 1 }));
    expect(Array.from(plain.snapshots.at(-1)!.weights.layers[2]!.biases)).not.toEqual(Array.from(a.snapshots.at(-1)!.weights.layers[2]!.biases));
    await expect(trainMlp(run({ epochs: 1 }), { augment: () => new Float32Array(10) })).rejects.toThrow(/augmentation returned 10 values, not 784/);
  });

  it('hands each epoch\'s end weights and each snapshot to its hooks', async () => {
    const epochs: number[] = [];
    const snapshots: string[] = [];
    const result = await trainMlp(run(), {
      onEpochEnd: (weights, epoch) => {
        expect(weights.layers).toHaveLength(3);
        epochs.push(epoch);
      },
      onSnapshot: (s) => {
        snapshots.push(s.entry.id);
      },
    });
    expect(epochs).toEqual([1, 2]);
    expect(snapshots).toEqual(result.snapshots.map((s) => s.entry.id));
  });

  it.each([
    ['mid-epoch', 5],
    ['at an epoch boundary', 16],
    ['right after several snapshots fell due', 1],
  ])('resumed after an interruption %s, it gives exactly the uninterrupted run\'s snapshots', async (_, stopAfter) => {
    const whole = await trainMlp(run());
    let saved: TrainState | undefined;
    const controller = new AbortController();
    const first = await trainMlp(run(), {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.batchesSeen === stopAfter) controller.abort();
      },
      saveCheckpoint: async (state) => {
        saved = state;
      },
    });
    expect(first.status).toBe('interrupted');
    expect(saved!.batchesSeen).toBe(stopAfter);
    const resumed = await trainMlp(run(), { resumeFrom: saved! });
    expect(resumed.status).toBe('completed');
    expectSameSnapshots(resumed.snapshots, whole.snapshots);
    expect(resumed.logLines).toEqual(whole.logLines);
  });

  it('refuses to resume a checkpoint from other settings, naming the difference', async () => {
    let saved: TrainState | undefined;
    await trainMlp(run(), { saveCheckpoint: async (s) => void (saved ??= s) });
    await expect(trainMlp(run({ lr: 2e-3 }), { resumeFrom: saved! })).rejects.toThrow(ResumeMismatchError);
    await expect(trainMlp(run({ hiddenDims: [32, 8] }), { resumeFrom: saved! })).rejects.toThrow(/hiddenDims is \[32,16\] in the checkpoint but \[32,8\] now/);
    await expect(trainMlp(run(), { resumeFrom: saved!, augment: (p) => p, augmentName: 'x' })).rejects.toThrow(/augment is null in the checkpoint but "x" now/);
  });
});
