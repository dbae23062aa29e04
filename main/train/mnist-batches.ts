import * as tf from '@tensorflow/tfjs-core';
import type { Normalization } from '../../app/model/types.js';
import type { SeededRandom } from '../../app/random/seeded-random.js';
import type { AugmentFn } from './train-mlp.js';
import type { MlpModel } from './mlp-model.js';

/** The reference trainer's Normalize((0.1307,), (0.3081,)), also written into the export. */
export const MNIST_NORMALIZATION: Normalization = { mean: 0.1307, std: 0.3081 };

const PIXELS = 784;
const MEAN = Math.fround(MNIST_NORMALIZATION.mean);
const STD = Math.fround(MNIST_NORMALIZATION.std);

/** torchvision's ToTensor (byte / 255) then Normalize, in float32 step by step as PyTorch computes them. */
function normalize(unit: number): number {
  return Math.fround(Math.fround(unit - MEAN) / STD);
}
const BYTE_TO_INPUT = Float32Array.from({ length: 256 }, (_, b) => normalize(Math.fround(b / 255)));

/** All images normalized, as one tensor (the caller disposes it). */
export function normalizedImages(pixels: Uint8Array): tf.Tensor2D {
  const out = new Float32Array(pixels.length);
  for (let i = 0; i < pixels.length; i++) out[i] = BYTE_TO_INPUT[pixels[i]!]!;
  return tf.tensor2d(out, [pixels.length / PIXELS, PIXELS]);
}

/** The normalized inputs of the images at `indices`, each augmented first when `augment` is given. */
export function batchInputs(pixels: Uint8Array, indices: Uint32Array, augment: AugmentFn | undefined, rng: SeededRandom): Float32Array {
  const out = new Float32Array(indices.length * PIXELS);
  indices.forEach((image, row) => {
    const bytes = pixels.subarray(image * PIXELS, (image + 1) * PIXELS);
    if (!augment) {
      for (let i = 0; i < PIXELS; i++) out[row * PIXELS + i] = BYTE_TO_INPUT[bytes[i]!]!;
      return;
    }
    const unit = new Float32Array(PIXELS);
    for (let i = 0; i < PIXELS; i++) unit[i] = bytes[i]! / 255;
    const changed = augment(unit, rng);
    if (changed.length !== PIXELS) throw new RangeError(`augmentation returned ${changed.length} values, not ${PIXELS}`);
    for (let i = 0; i < PIXELS; i++) out[row * PIXELS + i] = normalize(changed[i]!);
  });
  return out;
}

/** One-hot rows for the labels at `indices`. */
export function oneHot(labels: Uint8Array, indices: Uint32Array, classes = 10): Float32Array {
  const out = new Float32Array(indices.length * classes);
  indices.forEach((image, row) => (out[row * classes + labels[image]!] = 1));
  return out;
}

/** Fraction of `inputs` (normalized, one row per image) whose highest logit is the label. */
export function accuracyOn(model: MlpModel, inputs: tf.Tensor2D, labels: Uint8Array, batch: number): number {
  let correct = 0;
  const n = labels.length;
  for (let start = 0; start < n; start += batch) {
    const size = Math.min(batch, n - start);
    // The tensor leaves tidy, not its values: tidy would walk a returned typed array element by element.
    const classes = tf.tidy(() => tf.argMax(model.logits(tf.slice(inputs, [start, 0], [size, PIXELS]) as tf.Tensor2D), 1));
    const predicted = classes.dataSync();
    classes.dispose();
    for (let i = 0; i < size; i++) if (predicted[i] === labels[start + i]) correct++;
  }
  return correct / n;
}
