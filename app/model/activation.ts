import type { Activation } from './types.js';

/** Applies an activation in place. */
export function activateInPlace(values: Float32Array, activation: Activation): void {
  switch (activation) {
    case 'relu':
      for (let i = 0; i < values.length; i++) if (!((values[i] as number) > 0)) values[i] = 0;
      return;
    case 'tanh':
      for (let i = 0; i < values.length; i++) values[i] = Math.tanh(values[i] as number);
      return;
    case 'sigmoid':
      for (let i = 0; i < values.length; i++) values[i] = 1 / (1 + Math.exp(-(values[i] as number)));
      return;
    case 'linear':
      return;
  }
}

/** Numerically stable softmax (subtracts the max before exponentiating). */
export function softmax(logits: Float32Array): Float32Array {
  const out = new Float32Array(logits.length);
  let max = -Infinity;
  for (const v of logits) if (v > max) max = v;
  let sum = 0;
  for (let i = 0; i < logits.length; i++) {
    const e = Math.exp((logits[i] as number) - max);
    out[i] = e;
    sum += e;
  }
  for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) / sum;
  return out;
}
