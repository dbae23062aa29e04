import { weightsLayout } from '../../../app/contract/snapshot-weights-layout.js';
import type { SnapshotWeights } from '../../../app/model/types.js';

/**
 * The weights in the binary layout of app/contract/snapshot-weights-layout.ts
 * (each layer's [out][in] weights, then its biases), in one Float32Array
 * whose buffer the worker transfers to the hub: the hub serves it to the
 * display and runs the visitor's drawing on views into it, never copying.
 */
export function packLiveWeights(weights: SnapshotWeights): Float32Array {
  const layout = weightsLayout(weights.layers);
  const out = new Float32Array(layout.length);
  weights.layers.forEach((layer, i) => {
    const slice = layout.layers[i]!;
    out.set(layer.weights, slice.weightsOffset);
    out.set(layer.biases, slice.biasesOffset);
  });
  return out;
}
