import os from 'node:os';
import { makeAugment } from '../../app/train/augment/augment-digit.js';
import { DEFAULT_AUGMENT } from '../../app/train/augment/augment-options.js';
import type { TrainDevice } from '../../app/train/train-options.js';
import { loadMnist } from '../../main/mnist/load-mnist.js';
import { BackendUnavailableError, selectBackend } from '../../main/train/tf-backend.js';
import { trainMlp, type ImageSet } from '../../main/train/train-mlp.js';
import { measurePytorchAnchor } from './pytorch-anchor.js';
import type { Report } from './report.js';

/**
 * train.*: how fast `kiosk train` learns 784-128-64-10 (batch 128, Adam) on
 * each tfjs backend present, against the reference trainer's loop in
 * PyTorch on the same machine and the same MNIST files (the anchor).
 *
 * - train.samples_per_s.<backend>: training images per second over a run of
 *   `batches` batches (the timeline's snapshots are evaluated on 500 test
 *   images only, so evaluation is a small part); plain, as the reference.
 * - train.samples_per_s.<backend>.augmented: the same with --augment handwriting.
 * - train.samples_per_s.pytorch: tests/bench/pytorch-train.py, Debian's python3-torch.
 * - train.timeline_50x_s: the whole default timeline (50 passes over 60k
 *   images, 35 snapshots each evaluated on the 10,000 test images) on the
 *   best backend, with the default model's recipe (augmented, cosine). It takes the better part of an hour on this VM, so it runs
 *   only with TRAIN_BENCH_FULL=1.
 */
const BATCHES: Record<Exclude<TrainDevice, 'auto'>, number> = { 'node-gpu': 400, node: 400, wasm: 200, cpu: 25 };

export async function benchTrain(report: Report): Promise<void> {
  const [train, test] = await Promise.all([loadMnist('train'), loadMnist('test')]);
  const subset = (images: number): ImageSet => ({ pixels: train.images.pixels.subarray(0, images * 784), labels: train.labels.subarray(0, images) });
  const smallTest: ImageSet = { pixels: test.images.pixels.subarray(0, 500 * 784), labels: test.labels.subarray(0, 500) };
  const machine = { cpus: os.cpus().length, load: os.loadavg()[0]!.toFixed(1) };

  let best: { name: string; samplesPerS: number } | undefined;
  for (const device of ['node-gpu', 'node', 'wasm', 'cpu'] as const) {
    let backend;
    try {
      backend = await selectBackend(device);
    } catch (error) {
      if (!(error instanceof BackendUnavailableError)) throw error;
      process.stderr.write(`bench: train backend ${device} not present (${error.message})\n`);
      continue;
    }
    for (const augmented of [false, true]) {
      const images = BATCHES[device] * 128;
      const result = await trainMlp(
        { hiddenDims: [128, 64], epochs: 1, batchSize: 128, lr: 1e-3, seed: 0, train: subset(images), test: smallTest, backend: backend.name },
        augmented ? { augment: makeAugment(DEFAULT_AUGMENT), augmentName: 'handwriting' } : {},
      );
      const samplesPerS = result.sessionImages / result.sessionSeconds;
      report(`train.samples_per_s.${backend.name}${augmented ? '.augmented' : ''}`, samplesPerS, 'samples/s', { images, batch_size: 128, architecture: '784-128-64-10', tfjs: backend.tfjsVersion, ...machine });
      if (!augmented && (!best || samplesPerS > best.samplesPerS)) best = { name: backend.name, samplesPerS };
    }
  }

  const anchor = await measurePytorchAnchor();
  if ('missing' in anchor) process.stderr.write(`bench: train.samples_per_s.pytorch not measured: ${anchor.missing}\n`);
  else {
    report('train.samples_per_s.pytorch', anchor.samplesPerS, 'samples/s', { batches: anchor.batches, batch_size: 128, torch: anchor.torch, threads: anchor.threads, ...machine });
    if (best) report(`train.ratio.pytorch_over_${best.name}`, anchor.samplesPerS / best.samplesPerS, 'x', { of: 'train.samples_per_s' });
  }

  if (process.env.TRAIN_BENCH_FULL === '1' && best) {
    const backend = await selectBackend(best.name as Exclude<TrainDevice, 'auto'>);
    const trainSet: ImageSet = { pixels: train.images.pixels, labels: train.labels };
    const testSet: ImageSet = { pixels: test.images.pixels, labels: test.labels };
    const start = performance.now();
    // The default model's recipe (exports/README.md): augmented, cosine step size.
    const result = await trainMlp(
      { hiddenDims: [128, 64], epochs: 50, batchSize: 128, lr: 1e-3, lrSchedule: 'cosine', seed: 0, train: trainSet, test: testSet, backend: backend.name },
      { augment: makeAugment(DEFAULT_AUGMENT), augmentName: 'handwriting' },
    );
    report('train.timeline_50x_s', (performance.now() - start) / 1000, 's', { backend: backend.name, recipe: 'exports/ default: --augment handwriting --lr-schedule cosine', snapshots: result.snapshots.length, test_accuracy: result.finalTestAccuracy, ...machine });
  } else {
    process.stderr.write('bench: train.timeline_50x_s needs TRAIN_BENCH_FULL=1 (about an hour here)\n');
  }
}
