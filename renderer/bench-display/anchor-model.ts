/**
 * The anchor visualiser's in-browser network, re-implemented for the display
 * benchmark (the anchor is DFin/Neural-Network-Visualisation, assets/main.js,
 * class FeedForwardModel). Its approach, kept here on purpose because it is
 * what is being measured: weights as one Float32Array per neuron, a fresh
 * float32 forward pass in JavaScript on the page's main thread per input, and
 * a softmax over plain arrays.
 */
export interface AnchorLayer {
  readonly activation: string;
  /** One row per output neuron: rows[o][i]. */
  readonly rows: Float32Array[];
  readonly biases: Float32Array;
}

export interface Propagation {
  /** [normalised input, every layer's output after its activation]. */
  readonly activations: Float32Array[];
  /** Every layer's output before its activation. */
  readonly preActivations: Float32Array[];
}

export class AnchorModel {
  layers: AnchorLayer[] = [];

  constructor(
    private readonly normalization: { readonly mean: number; readonly std: number },
    layers: readonly AnchorLayer[],
  ) {
    this.setLayers(layers);
  }

  /** A snapshot switch: the anchor copies every row of the new weights. */
  setLayers(layers: readonly AnchorLayer[]): void {
    this.layers = layers.map((l) => ({ activation: l.activation, rows: l.rows.map((r) => new Float32Array(r)), biases: new Float32Array(l.biases) }));
  }

  propagate(pixels: Float32Array): Propagation {
    const { mean, std } = this.normalization;
    const input = new Float32Array(pixels.length);
    for (let i = 0; i < pixels.length; i++) input[i] = ((pixels[i] as number) - mean) / std;
    const activations = [input];
    const preActivations: Float32Array[] = [];
    let current = input;
    for (const layer of this.layers) {
      const linear = new Float32Array(layer.biases.length);
      for (let o = 0; o < linear.length; o++) {
        const row = layer.rows[o] as Float32Array;
        let sum = layer.biases[o] as number;
        for (let i = 0; i < row.length; i++) sum += (row[i] as number) * (current[i] as number);
        linear[o] = sum;
      }
      preActivations.push(linear);
      const activated = layer.activation === 'relu' ? linear.map((v) => (v > 0 ? v : 0)) : linear.slice();
      activations.push(activated);
      current = activated;
    }
    return { activations, preActivations };
  }
}

/** Softmax over a plain array, spread into Math.max, as the anchor does it. */
export function anchorSoftmax(values: number[]): number[] {
  if (!values.length) return [];
  const top = Math.max(...values);
  const exps = values.map((v) => Math.exp(v - top));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((v) => (sum === 0 ? 0 : v / sum));
}

/** Splits row-major [out][in] weights into the anchor's one-array-per-neuron form. */
export function anchorLayerOf(activation: string, weights: Float32Array, biases: Float32Array, inDim: number): AnchorLayer {
  const rows: Float32Array[] = [];
  for (let o = 0; o < biases.length; o++) rows.push(weights.slice(o * inDim, (o + 1) * inDim));
  return { activation, rows, biases };
}
