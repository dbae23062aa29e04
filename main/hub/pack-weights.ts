import { weightsLayout } from '../../app/contract/snapshot-weights-layout.js';
import type { SnapshotWeights } from '../../app/model/types.js';

/** A snapshot as the binary body of GET /api/snapshots/:id/weights (little-endian float32). */
export function packWeights(weights: SnapshotWeights): Buffer {
  const layout = weightsLayout(weights.layers);
  const out = new Float32Array(layout.length);
  weights.layers.forEach((layer, i) => {
    const slice = layout.layers[i]!;
    out.set(layer.weights, slice.weightsOffset);
    out.set(layer.biases, slice.biasesOffset);
  });
  const bytes = Buffer.from(out.buffer, out.byteOffset, out.byteLength);
  // Typed arrays use the machine's byte order; the contract says little-endian.
  return new Uint8Array(new Uint32Array([1]).buffer)[0] === 1 ? bytes : bytes.swap32();
}
