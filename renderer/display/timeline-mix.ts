import type { TimelineFrame } from '../../app/contract/timeline-frame.js';
import { decodeBase64 } from '../../app/model/base64.js';
import { decodeFloat16 } from '../../app/model/float16.js';

/**
 * The pure part of scrubbing: where between two snapshots a position on the
 * timeline falls, and the visitor's activations there, mixed on the CPU from
 * the two snapshots' timeline-frame entries (~200 floats).
 */

/** Position p in [0, count - 1]: snapshot a, the next one b, and how far towards b (0..1). */
export interface SnapshotPair {
  readonly a: number;
  readonly b: number;
  readonly t: number;
}

export function pairAt(position: number, count: number): SnapshotPair {
  const last = Math.max(0, count - 1);
  const p = Math.min(last, Math.max(0, Number.isFinite(position) ? position : 0));
  const a = Math.min(Math.floor(p), last);
  const b = Math.min(a + 1, last);
  const t = b === a ? 0 : p - a;
  return { a, b, t };
}

/** One snapshot's answer to the current drawing, decoded. */
export interface DecodedEntry {
  readonly snapshotId: string;
  readonly probabilities: Float32Array;
  /** One array per hidden layer. */
  readonly hidden: Float32Array[];
}

/** Splits each entry's float16 block into the hidden layers of `hiddenSizes`; wrong lengths throw (a hub of another version). */
export function decodeTimelineFrame(frame: TimelineFrame, hiddenSizes: readonly number[]): DecodedEntry[] {
  const total = hiddenSizes.reduce((a, b) => a + b, 0);
  return frame.snapshots.map((entry) => {
    const flat = decodeFloat16(decodeBase64(entry.hidden));
    if (flat.length !== total) throw new Error(`timeline entry ${entry.snapshotId}: ${flat.length} hidden values, expected ${total}`);
    const hidden: Float32Array[] = [];
    let offset = 0;
    for (const size of hiddenSizes) {
      hidden.push(flat.subarray(offset, offset + size));
      offset += size;
    }
    return { snapshotId: entry.snapshotId, probabilities: Float32Array.from(entry.probabilities), hidden };
  });
}

/** (1 - t) * a + t * b into `out` (allocated once by the caller: scrubbing allocates nothing). */
export function mixInto(out: Float32Array, a: ArrayLike<number>, b: ArrayLike<number>, t: number): Float32Array {
  for (let i = 0; i < out.length; i++) out[i] = (1 - t) * ((a[i] as number | undefined) ?? 0) + t * ((b[i] as number | undefined) ?? 0);
  return out;
}
