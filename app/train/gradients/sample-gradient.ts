import type { Normalization, SnapshotWeights } from '../../model/types.js';
import { BackpropNetwork } from './backprop-network.js';
import { GradientInputError } from './gradient-error.js';
import { checkImages, pixelScale, type ImagePixels } from './input-pixels.js';
import type { NumericLayer } from './numeric-layer.js';

/** The gradient of one layer: same shapes as the layer's weights ([out][in] row-major) and biases. */
export interface LayerGradient {
  readonly name: string;
  readonly inDim: number;
  readonly outDim: number;
  /** dLoss/dW[o][i] at o * inDim + i: delta[o] * input[i]. */
  readonly weights: Float32Array;
  /** dLoss/db[o] = delta[o]. */
  readonly biases: Float32Array;
}

/** One sample's exact gradient of its softmax cross-entropy loss w.r.t. every weight and bias. */
export interface SampleGradient {
  readonly label: number;
  readonly predicted: number;
  readonly loss: number;
  /** Frobenius norm of the whole gradient (all layers, weights and biases). */
  readonly norm: number;
  readonly probabilities: Float32Array;
  readonly layers: readonly LayerGradient[];
}

/**
 * Exact gradients of each listed sample: dW_l = delta_l (outer) a_{l-1},
 * db_l = delta_l, with delta back-propagated through the activations (see
 * BackpropNetwork). `images` holds n images of inDim pixels back to back; only
 * the images at `indices` are used. Computed in float64, returned as float32
 * (what the file format stores; float32 keeps ~7 significant digits, more
 * than the float16 weights they came from).
 */
export function sampleGradients(
  weights: SnapshotWeights,
  normalization: Normalization,
  images: ImagePixels,
  labels: Uint8Array,
  indices: readonly number[],
): SampleGradient[] {
  const net = new BackpropNetwork(weights.layers, normalization);
  const count = checkImages(images, labels, net.inDim);
  return indices.map((index) => {
    if (!Number.isInteger(index) || index < 0 || index >= count) throw new GradientInputError('sample index', `${index} is not in 0-${count - 1}`);
    return gradientOf(net, weights.layers, images, pixelScale(images), index, labels[index] as number);
  });
}

/** The gradient of one image (`pixels` in [0, 1], inDim values) with its label. */
export function sampleGradient(weights: SnapshotWeights, normalization: Normalization, pixels: Float32Array, label: number): SampleGradient {
  const net = new BackpropNetwork(weights.layers, normalization);
  if (pixels.length !== net.inDim) throw new GradientInputError('pixels', `holds ${pixels.length} values; the network reads ${net.inDim}`);
  return gradientOf(net, weights.layers, pixels, 1, 0, label);
}

function gradientOf(net: BackpropNetwork, layers: readonly NumericLayer[], pixels: ArrayLike<number>, scale: number, index: number, label: number): SampleGradient {
  const offset = index * net.inDim;
  net.run(pixels, offset, scale, label, index);
  let normSquared = 0;
  const out = layers.map((layer, l): LayerGradient => {
    const input = l === 0 ? net.normalizedInput(pixels, offset, scale) : (net.a[l - 1] as Float64Array);
    const delta = net.delta[l] as Float64Array;
    const { inDim, outDim } = layer;
    const w = new Float32Array(outDim * inDim);
    for (let o = 0; o < outDim; o++) {
      const d = delta[o] as number;
      const row = o * inDim;
      for (let i = 0; i < inDim; i++) {
        const g = d * (input[i] as number);
        w[row + i] = g;
        normSquared += g * g;
      }
      normSquared += d * d;
    }
    return { name: layer.name, inDim, outDim, weights: w, biases: Float32Array.from(delta) };
  });
  return {
    label,
    predicted: net.predicted,
    loss: net.loss,
    norm: Math.sqrt(normSquared),
    probabilities: Float32Array.from(net.probabilities),
    layers: out,
  };
}

/**
 * The loss of one sample, in float64, for any array type of weights: what the
 * finite-difference tests differentiate numerically.
 */
export function sampleLoss(layers: readonly NumericLayer[], normalization: Normalization, pixels: ArrayLike<number>, label: number): number {
  const net = new BackpropNetwork(layers, normalization);
  if (pixels.length !== net.inDim) throw new GradientInputError('pixels', `holds ${pixels.length} values; the network reads ${net.inDim}`);
  net.run(pixels, 0, 1, label);
  return net.loss;
}
