import { imageAsUnitFloats } from '../../../app/mnist/idx.js';
import { argmax, forward } from '../../../app/model/forward.js';
import type { Normalization, SnapshotWeights } from '../../../app/model/types.js';
import type { PredictedDigit } from '../../../app/train/report/prediction-grid-scene.js';
import type { MnistSplit } from '../../mnist/load-mnist.js';

export interface TestPredictions {
  /** Predicted digit of every test image. */
  readonly predicted: Uint8Array;
  readonly correct: number;
}

/**
 * The snapshot's answer for every test image, by the plain TypeScript
 * forward pass (the project's oracle; ~2 s for the 10,000 MNIST test digits).
 */
export function predictTestSet(weights: SnapshotWeights, normalization: Normalization, test: MnistSplit): TestPredictions {
  const predicted = new Uint8Array(test.images.count);
  let correct = 0;
  for (let i = 0; i < test.images.count; i++) {
    const p = argmax(forward(weights.layers, imageAsUnitFloats(test.images, i), normalization).probabilities);
    predicted[i] = p;
    if (p === test.labels[i]) correct++;
  }
  return { predicted, correct };
}

/** Test digits `indices` with their answers, for the prediction grid. */
export function predictedDigits(test: MnistSplit, predictions: TestPredictions, indices: readonly number[]): PredictedDigit[] {
  const size = test.images.rows * test.images.cols;
  return indices.map((index) => ({
    index,
    pixels: test.images.pixels.slice(index * size, (index + 1) * size),
    label: test.labels[index]!,
    predicted: predictions.predicted[index]!,
  }));
}

/** The first `count` test digits the snapshot gets wrong. */
export function mistakeIndices(test: MnistSplit, predictions: TestPredictions, count: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < test.labels.length && out.length < count; i++) if (predictions.predicted[i] !== test.labels[i]) out.push(i);
  return out;
}
