import type { MnistSplit } from '../../main/mnist/load-mnist.js';
import { mnistDigitToInk, SIDE, type Pt } from '../../app/mnist/digit-ink.js';

// The tracer itself lives in app/mnist/digit-ink.ts (the hub's attract mode draws with it too).
export { binarize, MNIST_INK_OPTIONS, mnistDigitToInk, thin, traceSkeleton, type MnistInkOptions } from '../../app/mnist/digit-ink.js';

/** One line of tests/fixtures/ink/mnist-test-ink.jsonl. */
export interface MnistInkSample {
  readonly label: number;
  readonly strokes: Pt[][];
  readonly source: string;
}

/** Which test images the fixture holds: every 10th, 1000 in all. */
export const FIXTURE_INDICES: readonly number[] = Array.from({ length: 1000 }, (_, i) => i * 10);

const round1 = (v: number) => Math.round(v * 10) / 10;

/** MNIST test image `index` as a fixture line (seeded by the index, coordinates to 1 decimal). */
export function mnistInkSample(test: MnistSplit, index: number): MnistInkSample {
  const strokes = mnistDigitToInk(test.images.pixels, index * SIDE * SIDE, index + 1);
  return {
    label: test.labels[index] as number,
    strokes: strokes.map((s) => s.map(([x, y]) => [round1(x), round1(y)] as Pt)),
    source: `mnist-test#${index}`,
  };
}
