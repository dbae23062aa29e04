import { activateInPlace, softmax } from './activation.js';
import type { DenseLayer, ForwardResult, Normalization } from './types.js';

/**
 * The plain TypeScript forward pass: the fallback backend and the oracle the
 * ONNX backend is tested against. Accumulates in float64 so that it is the
 * more exact of the two.
 */
export function forward(
  layers: readonly DenseLayer[],
  pixels: Float32Array,
  normalization: Normalization,
): ForwardResult {
  let input = normalize(pixels, normalization);
  const activations: Float32Array[] = [];
  let logits = new Float32Array(0);
  for (const layer of layers) {
    const out = denseForward(layer, input);
    if (layer === layers[layers.length - 1]) logits = out.slice();
    activateInPlace(out, layer.activation);
    activations.push(out);
    input = out;
  }
  return { activations, logits, probabilities: softmax(logits) };
}

/** Maps [0, 1] pixels to the network's input scale. */
export function normalize(pixels: Float32Array, { mean, std }: Normalization): Float32Array {
  const out = new Float32Array(pixels.length);
  for (let i = 0; i < pixels.length; i++) out[i] = ((pixels[i] as number) - mean) / std;
  return out;
}

function denseForward(layer: DenseLayer, input: Float32Array): Float32Array {
  const { weights, biases, inDim, outDim } = layer;
  const out = new Float32Array(outDim);
  for (let o = 0; o < outDim; o++) {
    let acc = biases[o] as number;
    const row = o * inDim;
    for (let i = 0; i < inDim; i++) acc += (weights[row + i] as number) * (input[i] as number);
    out[o] = acc;
  }
  return out;
}

/** Index of the largest value (first one on ties), -1 for an empty array. */
export function argmax(values: ArrayLike<number>): number {
  let best = -1;
  let bestValue = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v > bestValue) {
      bestValue = v;
      best = i;
    }
  }
  return best;
}
