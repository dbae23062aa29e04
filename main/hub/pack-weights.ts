import type { SnapshotWeights } from '../../app/model/types.js';
import { packLiveWeights } from '../train/live/pack-live-weights.js';

/** A snapshot as the binary body of GET /api/snapshots/:id/weights (little-endian float32). */
export function packWeights(weights: SnapshotWeights): Buffer {
  // The same layout the live-training worker hands over (one packer for both).
  return littleEndianBytes(packLiveWeights(weights));
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * Float32 values as little-endian bytes, as the weights routes' contract
 * says: a view of `values` on a little-endian machine (every exhibit PC), a
 * swapped copy elsewhere (typed arrays use the machine's byte order; the
 * copy leaves `values` as they were, which callers still read).
 */
export function littleEndianBytes(values: Float32Array): Buffer {
  const bytes = Buffer.from(values.buffer, values.byteOffset, values.byteLength);
  return LITTLE_ENDIAN ? bytes : Buffer.from(bytes).swap32();
}
