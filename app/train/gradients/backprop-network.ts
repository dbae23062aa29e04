import type { Activation, Normalization } from '../../model/types.js';
import { checkNetwork } from './check-network.js';
import { GradientInputError } from './gradient-error.js';
import type { NumericLayer } from './numeric-layer.js';

/**
 * One sample's forward and backward pass through a dense MLP, for the softmax
 * cross-entropy loss on the logits. The logits are what the kiosk's forward
 * pass (app/model/forward.ts) and the ONNX graph call logits: the last layer's
 * output before its activation, so a last-layer activation is not part of
 * the loss (the anchor's last layer is linear anyway).
 *
 * Everything is float64: JavaScript does its arithmetic in float64 whatever
 * the array type, so float64 buffers cost no speed, and they keep the
 * gradients exact to well below float32 resolution. That makes this the
 * precise side when it is compared with tfjs (float32) and lets central
 * finite differences check it to many digits.
 *
 * Speed: a whole training set per epoch must take seconds. MNIST digits are
 * ~80% background (0), so the first layer, which costs ~90% of the work, is
 * computed over the ink pixels only: W((x - m)/s) + b = (W/s)x + (b - (m/s) rowsum(W)),
 * with W/s stored transposed ([in][out]) so each ink pixel adds one
 * contiguous column.
 */
export class BackpropNetwork {
  readonly inDim: number;
  readonly classes: number;
  readonly layerCount: number;
  /** Output of layer l before its activation; z[last] are the logits. */
  readonly z: Float64Array[];
  /** Output of layer l after its activation. */
  readonly a: Float64Array[];
  /** dLoss/dz for layer l: the bias gradient, and the row factor of the weight gradient. */
  readonly delta: Float64Array[];
  /** Softmax of the logits. */
  readonly probabilities: Float64Array;
  loss = 0;
  predicted = -1;
  /** ||normalized input||^2: the squared norm of the first layer's input. */
  inputNormSquared = 0;

  private readonly activations: Activation[];
  private readonly dims: Array<{ inDim: number; outDim: number }>;
  private readonly firstColumns: Float64Array;
  private readonly firstBias: Float64Array;
  private readonly weights: Float64Array[];
  private readonly biases: Float64Array[];
  private readonly mean: number;
  private readonly std: number;
  private readonly inkIndex: Int32Array;
  private readonly inkValue: Float64Array;
  private inkCount = 0;

  constructor(layers: readonly NumericLayer[], normalization: Normalization) {
    checkNetwork(layers, normalization);
    const first = layers[0] as NumericLayer;
    this.inDim = first.inDim;
    this.classes = (layers[layers.length - 1] as NumericLayer).outDim;
    this.layerCount = layers.length;
    this.activations = layers.map((l) => l.activation);
    this.dims = layers.map(({ inDim, outDim }) => ({ inDim, outDim }));
    this.mean = normalization.mean;
    this.std = normalization.std;

    const { inDim, outDim } = first;
    this.firstColumns = new Float64Array(inDim * outDim);
    this.firstBias = new Float64Array(outDim);
    for (let o = 0; o < outDim; o++) {
      let rowSum = 0;
      for (let i = 0; i < inDim; i++) {
        const w = first.weights[o * inDim + i] as number;
        rowSum += w;
        this.firstColumns[i * outDim + o] = w / this.std;
      }
      this.firstBias[o] = (first.biases[o] as number) - (this.mean / this.std) * rowSum;
    }
    this.weights = layers.map((l) => Float64Array.from(l.weights));
    this.biases = layers.map((l) => Float64Array.from(l.biases));
    this.z = layers.map((l) => new Float64Array(l.outDim));
    this.a = layers.map((l) => new Float64Array(l.outDim));
    this.delta = layers.map((l) => new Float64Array(l.outDim));
    this.probabilities = new Float64Array(this.classes);
    this.inkIndex = new Int32Array(inDim);
    this.inkValue = new Float64Array(inDim);
  }

  /**
   * Forward and backward pass for the image at `pixels[offset .. offset + inDim)`,
   * each value times `scale` giving the [0, 1] pixel (1/255 for raw bytes).
   * Results land in z, a, delta, probabilities, loss, predicted, inputNormSquared.
   */
  run(pixels: ArrayLike<number>, offset: number, scale: number, label: number, sample = 0): void {
    if (!Number.isInteger(label) || label < 0 || label >= this.classes) {
      throw new GradientInputError(`labels[${sample}]`, `is ${label}; the network has ${this.classes} classes (0-${this.classes - 1})`);
    }
    this.gatherInk(pixels, offset, scale, sample);
    this.forward();
    this.softmaxLoss(label);
    this.backward();
  }

  /** The first layer's input, normalized, as float64 (for the full weight gradient). */
  normalizedInput(pixels: ArrayLike<number>, offset: number, scale: number): Float64Array {
    const out = new Float64Array(this.inDim);
    for (let i = 0; i < this.inDim; i++) out[i] = ((pixels[offset + i] as number) * scale - this.mean) / this.std;
    return out;
  }

  private gatherInk(pixels: ArrayLike<number>, offset: number, scale: number, sample: number): void {
    const { mean, std, inDim, inkIndex, inkValue } = this;
    const background = mean / std;
    let count = 0;
    let inkNormSquared = 0;
    for (let i = 0; i < inDim; i++) {
      const v = (pixels[offset + i] as number) * scale;
      if (v === 0) continue;
      if (!Number.isFinite(v)) throw new GradientInputError(`images[${sample}] pixel ${i}`, `is ${v}; pixels must be finite`);
      inkIndex[count] = i;
      inkValue[count] = v;
      count++;
      const x = (v - mean) / std;
      inkNormSquared += x * x;
    }
    this.inkCount = count;
    this.inputNormSquared = inkNormSquared + (inDim - count) * background * background;
  }

  private forward(): void {
    const { firstColumns, inkIndex, inkValue, inkCount } = this;
    const z0 = this.z[0] as Float64Array;
    const out0 = z0.length;
    z0.set(this.firstBias);
    for (let k = 0; k < inkCount; k++) {
      const base = (inkIndex[k] as number) * out0;
      const v = inkValue[k] as number;
      for (let o = 0; o < out0; o++) z0[o] = (z0[o] as number) + (firstColumns[base + o] as number) * v;
    }
    activate(z0, this.a[0] as Float64Array, this.activations[0] as Activation);
    for (let l = 1; l < this.layerCount; l++) {
      const { inDim, outDim } = this.dims[l] as { inDim: number; outDim: number };
      const w = this.weights[l] as Float64Array;
      const b = this.biases[l] as Float64Array;
      const input = this.a[l - 1] as Float64Array;
      const z = this.z[l] as Float64Array;
      for (let o = 0; o < outDim; o++) {
        let acc = b[o] as number;
        const row = o * inDim;
        for (let i = 0; i < inDim; i++) acc += (w[row + i] as number) * (input[i] as number);
        z[o] = acc;
      }
      activate(z, this.a[l] as Float64Array, this.activations[l] as Activation);
    }
  }

  /** Loss = logsumexp(z) - z[label], stable for any logit size; delta of the last layer = p - onehot(label). */
  private softmaxLoss(label: number): void {
    const logits = this.z[this.layerCount - 1] as Float64Array;
    let max = -Infinity;
    let best = -1;
    for (let c = 0; c < logits.length; c++) {
      const v = logits[c] as number;
      if (v > max) {
        max = v;
        best = c;
      }
    }
    let sum = 0;
    for (let c = 0; c < logits.length; c++) sum += Math.exp((logits[c] as number) - max);
    const logSumExp = max + Math.log(sum);
    const delta = this.delta[this.layerCount - 1] as Float64Array;
    for (let c = 0; c < logits.length; c++) {
      const p = Math.exp((logits[c] as number) - logSumExp);
      this.probabilities[c] = p;
      delta[c] = c === label ? p - 1 : p;
    }
    this.loss = logSumExp - (logits[label] as number);
    this.predicted = best;
  }

  /** delta[l-1] = (W_l^T delta[l]) * f'(z[l-1]); no delta for the input (not needed). */
  private backward(): void {
    for (let l = this.layerCount - 1; l >= 1; l--) {
      const { inDim, outDim } = this.dims[l] as { inDim: number; outDim: number };
      const w = this.weights[l] as Float64Array;
      const delta = this.delta[l] as Float64Array;
      const below = this.delta[l - 1] as Float64Array;
      below.fill(0);
      for (let o = 0; o < outDim; o++) {
        const d = delta[o] as number;
        if (d === 0) continue;
        const row = o * inDim;
        for (let i = 0; i < inDim; i++) below[i] = (below[i] as number) + (w[row + i] as number) * d;
      }
      derivativeInPlace(below, this.a[l - 1] as Float64Array, this.activations[l - 1] as Activation);
    }
  }
}

function activate(z: Float64Array, out: Float64Array, activation: Activation): void {
  switch (activation) {
    case 'relu':
      for (let i = 0; i < z.length; i++) out[i] = (z[i] as number) > 0 ? (z[i] as number) : 0;
      return;
    case 'tanh':
      for (let i = 0; i < z.length; i++) out[i] = Math.tanh(z[i] as number);
      return;
    case 'sigmoid':
      for (let i = 0; i < z.length; i++) out[i] = 1 / (1 + Math.exp(-(z[i] as number)));
      return;
    case 'linear':
      out.set(z);
      return;
  }
}

/**
 * Multiplies by the activation's derivative, written in terms of its output
 * a. ReLU's derivative at exactly 0 is taken as 0, as PyTorch and tfjs do.
 */
function derivativeInPlace(values: Float64Array, a: Float64Array, activation: Activation): void {
  switch (activation) {
    case 'relu':
      for (let i = 0; i < values.length; i++) if (!((a[i] as number) > 0)) values[i] = 0;
      return;
    case 'tanh':
      for (let i = 0; i < values.length; i++) values[i] = (values[i] as number) * (1 - (a[i] as number) ** 2);
      return;
    case 'sigmoid':
      for (let i = 0; i < values.length; i++) values[i] = (values[i] as number) * (a[i] as number) * (1 - (a[i] as number));
      return;
    case 'linear':
      return;
  }
}
