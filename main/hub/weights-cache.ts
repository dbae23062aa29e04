import type { SnapshotWeights } from '../../app/model/types.js';

export interface WeightsCache {
  /** The snapshot `id`, from the cache or from `load` (which then fills the cache). */
  get(id: string, load: () => Promise<SnapshotWeights>): Promise<SnapshotWeights>;
}

/**
 * One model's decoded snapshots by id, so that a display fetching every snapshot for its
 * GPU, or visitors scrubbing the timeline, do not re-read and re-decode
 * files. Bounded by bytes: the default model's 35 snapshots take 15 MB, a
 * large custom model could take far more. Concurrent requests for one id
 * share one load; failed loads are not cached.
 */
export function createWeightsCache(maxBytes = 96 * 1024 * 1024): WeightsCache {
  const entries = new Map<string, { promise: Promise<SnapshotWeights>; bytes: number }>();
  let total = 0;

  function evict(): void {
    // Map keeps insertion order and get() re-inserts: the first key is the least recently used.
    for (const [id, entry] of entries) {
      if (total <= maxBytes || entries.size <= 1) return;
      entries.delete(id);
      total -= entry.bytes;
    }
  }

  return {
    get(id: string, load: () => Promise<SnapshotWeights>): Promise<SnapshotWeights> {
      const hit = entries.get(id);
      if (hit) {
        entries.delete(id);
        entries.set(id, hit);
        return hit.promise;
      }
      const entry = { promise: load(), bytes: 0 };
      entries.set(id, entry);
      entry.promise.then(
        (weights) => {
          if (entries.get(id) !== entry) return;
          entry.bytes = weights.layers.reduce((n, l) => n + l.weights.byteLength + l.biases.byteLength, 0);
          total += entry.bytes;
          evict();
        },
        () => {
          if (entries.get(id) === entry) entries.delete(id);
        },
      );
      return entry.promise;
    },
  };
}
