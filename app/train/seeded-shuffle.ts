import type { SeededRandom } from '../random/seeded-random.js';

/** 0..n-1 in a seeded random order (Fisher-Yates): each epoch's order of training images. */
export function shuffledIndices(n: number, rng: SeededRandom): Uint32Array {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  return order;
}
