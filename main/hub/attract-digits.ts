import type { AttractDigit, AttractDigitsResponse } from '../../app/contract/attract-digits.js';
import { mnistDigitToInk, SIDE, type MnistInkOptions } from '../../app/mnist/digit-ink.js';
import { SeededRandom } from '../../app/random/seeded-random.js';
import { loadMnist } from '../mnist/load-mnist.js';

/** The display's pad is square: digits are laid out on a square surface, 250-300 units tall, in the middle. */
const SURFACE = 400;
const OPTIONS: MnistInkOptions = {
  threshold: 128,
  minStrokePixels: 3,
  surfaceWidth: SURFACE,
  surfaceHeight: SURFACE,
  minHeight: 250,
  maxHeight: 300,
  // Wider than a real pen's sample spacing: the display animates these points, it need not send hundreds.
  minSpacing: 6,
  maxSpacing: 7,
  tremor: 1,
};
const POOL = 60;
const PER_REQUEST = 8;

export interface AttractDigits {
  /** A handful of digits; the same seed gives the same handful. */
  pick(seed?: number): Promise<AttractDigitsResponse>;
}

/**
 * Real MNIST test digits for the display's attract mode, traced into pen
 * strokes by app/mnist/digit-ink.ts (the same tracer as the ink fixture).
 * The test set is read once, on the first request, a pool of digits is traced
 * and the 7.8 MB of images are let go; later requests pick from the pool.
 */
export function createAttractDigits(load = () => loadMnist('test')): AttractDigits {
  let pool: Promise<AttractDigit[]> | undefined;

  async function tracePool(): Promise<AttractDigit[]> {
    const test = await load();
    const rng = new SeededRandom(20_261_122);
    const digits: AttractDigit[] = [];
    while (digits.length < POOL) {
      const index = rng.int(test.images.count);
      const traced = mnistDigitToInk(test.images.pixels, index * SIDE * SIDE, index + 1, OPTIONS);
      if (traced.length === 0 || traced.length > 4) continue;
      digits.push({ label: test.labels[index] as number, source: `mnist-test#${index}`, strokes: centred(traced) });
    }
    return digits;
  }

  return {
    async pick(seed) {
      pool ??= tracePool().catch((error: unknown) => {
        pool = undefined;
        throw error;
      });
      const all = await pool;
      const rng = new SeededRandom(seed ?? Math.floor(Math.random() * 2 ** 31));
      const start = rng.int(all.length);
      const digits = Array.from({ length: PER_REQUEST }, (_, i) => all[(start + i * 7) % all.length] as AttractDigit);
      return { surface: SURFACE, digits };
    },
  };
}

/** The tracer places a digit anywhere on its surface, as a tablet user might; on the display's pad it is drawn in the middle. */
function centred(strokes: [number, number][][]): [number, number][][] {
  const all = strokes.flat();
  const mid = (k: 0 | 1): number => (Math.min(...all.map((p) => p[k])) + Math.max(...all.map((p) => p[k]))) / 2;
  const dx = SURFACE / 2 - mid(0);
  const dy = SURFACE / 2 - mid(1);
  return strokes.map((s) => s.map(([x, y]) => [Math.round((x + dx) * 10) / 10, Math.round((y + dy) * 10) / 10] as [number, number]));
}
