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
  private readonly firstColumns: Float64Array;
  private readonly firstBias: Float64Array;
  /** Layers 1..: weights transposed to [in][out], so skipping a zero input (ReLU) skips one contiguous run. */
  private readonly columns: Float64Array[];
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
    this.columns = layers.map((l, index) => (index === 0 ? new Float64Array(0) : transposed(l)));
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
    // Four ink pixels per sweep: a quarter of the loads and stores of z0.
    let k = 0;
    for (; k + 4 <= inkCount; k += 4) {
      const b0 = (inkIndex[k] as number) * out0;
      const b1 = (inkIndex[k + 1] as number) * out0;
      const b2 = (inkIndex[k + 2] as number) * out0;
      const b3 = (inkIndex[k + 3] as number) * out0;
      const v0 = inkValue[k] as number;
      const v1 = inkValue[k + 1] as number;
      const v2 = inkValue[k + 2] as number;
      const v3 = inkValue[k + 3] as number;
      for (let o = 0; o < out0; o++) {
        z0[o] =
          (z0[o] as number) +
          (firstColumns[b0 + o] as number) * v0 +
          (firstColumns[b1 + o] as number) * v1 +
          (firstColumns[b2 + o] as number) * v2 +
          (firstColumns[b3 + o] as number) * v3;
      }
    }
    for (; k < inkCount; k++) {
      const base = (inkIndex[k] as number) * out0;
      const v = inkValue[k] as number;
      for (let o = 0; o < out0; o++) z0[o] = (z0[o] as number) + (firstColumns[base + o] as number) * v;
    }
    activate(z0, this.a[0] as Float64Array, this.activations[0] as Activation);
    for (let l = 1; l < this.layerCount; l++) {
      const w = this.columns[l] as Float64Array;
      const input = this.a[l - 1] as Float64Array;
      const z = this.z[l] as Float64Array;
      const outDim = z.length;
      z.set(this.biases[l] as Float64Array);
      for (let i = 0; i < input.length; i++) {
        const v = input[i] as number;
        if (v === 0) continue;
        const base = i * outDim;
        for (let o = 0; o < outDim; o++) z[o] = (z[o] as number) + (w[base + o] as number) * v;
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

  /**
   * delta[l-1] = (W_l^T delta[l]) * f'(z[l-1]); no delta for the input (not
   * needed). A ReLU unit that is off gets 0 without computing its dot product.
   */
  private backward(): void {
    for (let l = this.layerCount - 1; l >= 1; l--) {
      const w = this.columns[l] as Float64Array;
      const delta = this.delta[l] as Float64Array;
      const below = this.delta[l - 1] as Float64Array;
      const a = this.a[l - 1] as Float64Array;
      const activation = this.activations[l - 1] as Activation;
      const outDim = delta.length;
      for (let i = 0; i < below.length; i++) {
        const ai = a[i] as number;
        if (activation === 'relu' && !(ai > 0)) {
          below[i] = 0;
          continue;
        }
        let acc = 0;
        const base = i * outDim;
        for (let o = 0; o < outDim; o++) acc += (w[base + o] as number) * (delta[o] as number);
        below[i] = acc * derivative(ai, activation);
      }
    }
  }
}

function transposed(layer: NumericLayer): Float64Array {
  const { inDim, outDim, weights } = layer;
  const out = new Float64Array(inDim * outDim);
  for (let o = 0; o < outDim; o++) for (let i = 0; i < inDim; i++) out[i * outDim + o] = weights[o * inDim + i] as number;
  return out;
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
 * The activation's derivative, written in terms of its output a. ReLU's
 * derivative at exactly 0 is taken as 0, as PyTorch and tfjs do.
 */
function derivative(a: number, activation: Activation): number {
  switch (activation) {
    case 'relu':
      return a > 0 ? 1 : 0;
    case 'tanh':
      return 1 - a * a;
    case 'sigmoid':
      return a * (1 - a);
    case 'linear':
      return 1;
  }
}
