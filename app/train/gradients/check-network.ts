import { ACTIVATIONS, type Normalization } from '../../model/types.js';
import { GradientInputError } from './gradient-error.js';
import type { NumericLayer } from './numeric-layer.js';

/**
 * Checks that `layers` is a chain of dense layers with finite numbers and that
 * the normalization can be applied. Weights from a file were validated when
 * loaded; these come from a trainer in the middle of a run, where a diverged
 * step (NaN) or a wrongly assembled layer must stop here with a clear message.
 */
export function checkNetwork(layers: readonly NumericLayer[], normalization: Normalization): void {
  if (layers.length === 0) throw new GradientInputError('weights', 'the network has no layers');
  const { mean, std } = normalization;
  if (!Number.isFinite(mean)) throw new GradientInputError('normalization.mean', `is ${mean}; must be a finite number`);
  if (!Number.isFinite(std) || std <= 0) throw new GradientInputError('normalization.std', `is ${std}; must be a positive number`);
  layers.forEach((layer, l) => {
    const what = `layers[${l}] (${layer.name})`;
    if (!ACTIVATIONS.includes(layer.activation)) throw new GradientInputError(what, `activation "${String(layer.activation)}" is not one of ${ACTIVATIONS.join(', ')}`);
    for (const [key, dim] of [['inDim', layer.inDim], ['outDim', layer.outDim]] as const) {
      if (!Number.isInteger(dim) || dim < 1) throw new GradientInputError(what, `${key} is ${dim}; must be a whole number of at least 1`);
    }
    const previous = layers[l - 1];
    if (previous && previous.outDim !== layer.inDim) {
      throw new GradientInputError(what, `takes ${layer.inDim} inputs but layers[${l - 1}] (${previous.name}) gives ${previous.outDim} outputs`);
    }
    if (layer.weights.length !== layer.outDim * layer.inDim) {
      throw new GradientInputError(`${what}.weights`, `holds ${layer.weights.length} values; [${layer.outDim}][${layer.inDim}] needs ${layer.outDim * layer.inDim}`);
    }
    if (layer.biases.length !== layer.outDim) throw new GradientInputError(`${what}.biases`, `holds ${layer.biases.length} values; needs ${layer.outDim}`);
    checkFinite(layer.weights, `${what}.weights`, layer.inDim);
    checkFinite(layer.biases, `${what}.biases`, 0);
  });
}

function checkFinite(values: ArrayLike<number>, what: string, inDim: number): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) {
      const at = inDim > 0 ? `[${Math.floor(i / inDim)}][${i % inDim}]` : `[${i}]`;
      throw new GradientInputError(`${what}${at}`, `is ${v}; every weight and bias must be finite (did training diverge?)`);
    }
  }
}
