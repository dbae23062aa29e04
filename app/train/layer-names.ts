import type { DenseLayer } from '../model/types.js';

/** Layer names and activations as the reference names them: dense_0.., ReLU hidden, linear output. */
export function layerNames(architecture: readonly number[]): { name: string; activation: DenseLayer['activation'] }[] {
  return architecture.slice(1).map((_, i) => ({ name: `dense_${i}`, activation: i < architecture.length - 2 ? 'relu' : 'linear' }));
}
