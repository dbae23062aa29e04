import type { Normalization, SnapshotWeights } from '../../model/types.js';
import { BackpropNetwork } from './backprop-network.js';
import { GradientInputError } from './gradient-error.js';
import { checkImages, pixelScale, type ImagePixels } from './input-pixels.js';

/** Per-sample gradient norms of a whole dataset under one set of weights. */
export interface GradientNorms {
  readonly count: number;
  /** Names of the layers, in order: the columns of layerNorms. */
  readonly layerNames: readonly string[];
  /** Frobenius norm of each sample's full gradient (every weight and bias). */
  readonly norms: Float32Array;
  /** count * layers: norm of [dW_l, db_l] of sample i at i * layers + l. */
  readonly layerNorms: Float32Array;
  /** Each sample's softmax cross-entropy loss. */
  readonly losses: Float32Array;
  /** The class with the highest logit (first one on ties). */
  readonly predicted: Uint8Array;
}

/**
 * Gradient norms of every sample without forming a single outer product:
 * ||dW_l||_F = ||delta_l|| * ||a_{l-1}|| (the Frobenius norm of an outer
 * product is the product of the norms) and db_l = delta_l, so
 * ||grad||^2 = sum_l ||delta_l||^2 (||a_{l-1}||^2 + 1). Costs one forward and
 * one backward pass per sample and nothing per weight, so the trainer can
 * call it at the end of every epoch over all 60k training images.
 *
 * `images` are raw bytes (0-255, as loadMnist gives them) or [0, 1] floats,
 * labels.length images of the first layer's input size back to back.
 */
export function gradientNormsOf(weights: SnapshotWeights, normalization: Normalization, images: ImagePixels, labels: Uint8Array): GradientNorms {
  const net = new BackpropNetwork(weights.layers, normalization);
  if (net.classes > 256) throw new GradientInputError('weights', `the network has ${net.classes} classes; labels are bytes (at most 256)`);
  const count = checkImages(images, labels, net.inDim);
  const layers = net.layerCount;
  const norms = new Float32Array(count);
  const layerNorms = new Float32Array(count * layers);
  const losses = new Float32Array(count);
  const predicted = new Uint8Array(count);
  const scale = pixelScale(images);
  for (let s = 0; s < count; s++) {
    net.run(images, s * net.inDim, scale, labels[s] as number, s);
    let total = 0;
    for (let l = 0; l < layers; l++) {
      const inputSquared = l === 0 ? net.inputNormSquared : sumOfSquares(net.a[l - 1] as Float64Array);
      const layerSquared = sumOfSquares(net.delta[l] as Float64Array) * (inputSquared + 1);
      layerNorms[s * layers + l] = Math.sqrt(layerSquared);
      total += layerSquared;
    }
    norms[s] = Math.sqrt(total);
    losses[s] = net.loss;
    predicted[s] = net.predicted;
  }
  return { count, layerNames: weights.layers.map((l) => l.name), norms, layerNorms, losses, predicted };
}

function sumOfSquares(values: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += (values[i] as number) * (values[i] as number);
  return sum;
}
