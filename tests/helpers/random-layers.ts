import type { Activation, DenseLayer } from '../../app/model/types.js';
import { SeededRandom } from '../../app/random/seeded-random.js';

/**
 * A seeded stack of dense layers for oracle and round-trip tests: weights
 * scaled like PyTorch's default init (uniform in +-1/sqrt(in)) so activations
 * stay in a realistic range through deep stacks.
 */
export function randomLayers(sizes: readonly number[], activations: readonly Activation[], seed: number): DenseLayer[] {
  const random = new SeededRandom(seed);
  return activations.map((activation, i) => {
    const inDim = sizes[i] as number;
    const outDim = sizes[i + 1] as number;
    const bound = 1 / Math.sqrt(inDim);
    return {
      name: `dense_${i}`,
      activation,
      inDim,
      outDim,
      weights: random.floats(inDim * outDim, -bound, bound),
      biases: random.floats(outDim, -bound, bound),
    };
  });
}

/** Architectures the oracle and round-trip tests run over. */
export const ARCHITECTURES: ReadonlyArray<{ name: string; sizes: number[]; activations: Activation[] }> = [
  { name: '784-128-64-10 relu', sizes: [784, 128, 64, 10], activations: ['relu', 'relu', 'linear'] },
  { name: '20-7-3 tanh/sigmoid', sizes: [20, 7, 3], activations: ['tanh', 'sigmoid'] },
  { name: 'single linear layer', sizes: [13, 5], activations: ['linear'] },
  {
    name: 'deep narrow (10 layers)',
    sizes: [16, 6, 6, 6, 6, 6, 6, 6, 6, 6, 4],
    activations: ['relu', 'tanh', 'sigmoid', 'relu', 'linear', 'tanh', 'relu', 'sigmoid', 'relu', 'linear'],
  },
];
