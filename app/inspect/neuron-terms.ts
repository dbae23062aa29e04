import type { Activation } from '../model/types.js';

/**
 * What one neuron computes for the input on screen, term by term: the
 * inspector's numbers. Recomputed from the snapshot's weights and the
 * frame's activations (in float64, like the JS forward pass), so the panel
 * can show where the neuron's value comes from, not only what it is.
 */
export interface Term {
  /** Index of the input (pixel or neuron of the previous layer). */
  readonly index: number;
  readonly weight: number;
  readonly input: number;
  /** weight x input: this input's share of the sum. */
  readonly product: number;
}

export interface NeuronTerms {
  readonly bias: number;
  /** bias + sum of every product: the value before the activation. */
  readonly sum: number;
  /** activation(sum): what the frame reports for this neuron. */
  readonly value: number;
  readonly activation: Activation;
  /** Every input, largest |product| first. */
  readonly ranked: readonly Term[];
}

/** Row `neuron` of a row-major [out][in] weight matrix against `inputs`. */
export function neuronTerms(
  weights: ArrayLike<number>,
  inDim: number,
  bias: number,
  neuron: number,
  inputs: ArrayLike<number>,
  activation: Activation,
): NeuronTerms {
  const row = neuron * inDim;
  const terms: Term[] = new Array(inDim);
  let sum = bias;
  for (let i = 0; i < inDim; i++) {
    const weight = weights[row + i] as number;
    const input = (inputs[i] as number | undefined) ?? 0;
    const product = weight * input;
    sum += product;
    terms[i] = { index: i, weight, input, product };
  }
  terms.sort((a, b) => Math.abs(b.product) - Math.abs(a.product) || a.index - b.index);
  return { bias, sum, value: activate(sum, activation), activation, ranked: terms };
}

export function activate(x: number, activation: Activation): number {
  switch (activation) {
    case 'relu':
      return x > 0 ? x : 0;
    case 'tanh':
      return Math.tanh(x);
    case 'sigmoid':
      return 1 / (1 + Math.exp(-x));
    case 'linear':
      return x;
  }
}

/** The `count` strongest pushes up (positive products) and holds back (negative ones), strongest first. */
export function strongestTerms(terms: NeuronTerms, count: number): { positive: Term[]; negative: Term[] } {
  const positive: Term[] = [];
  const negative: Term[] = [];
  for (const t of terms.ranked) {
    if (t.product > 0 && positive.length < count) positive.push(t);
    else if (t.product < 0 && negative.length < count) negative.push(t);
    if (positive.length >= count && negative.length >= count) break;
  }
  return { positive, negative };
}
