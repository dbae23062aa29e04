import type { SnapshotWeights } from '../../app/model/types.js';
import { packLiveWeights } from '../train/live/pack-live-weights.js';

/** A snapshot as the binary body of GET /api/snapshots/:id/weights (little-endian float32). */
export function packWeights(weights: SnapshotWeights): Buffer {
  // The same layout the live-training worker hands over (one packer for both).
  const out = packLiveWeights(weights);
  const bytes = Buffer.from(out.buffer, out.byteOffset, out.byteLength);
  // Typed arrays use the machine's byte order; the contract says little-endian.
  return new Uint8Array(new Uint32Array([1]).buffer)[0] === 1 ? bytes : bytes.swap32();
}
