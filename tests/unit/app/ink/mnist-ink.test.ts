import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadMnist, type MnistSplit } from '../../../../main/mnist/load-mnist.js';
import { FIXTURES } from '../../../helpers/fixtures.js';
import { binarize, FIXTURE_INDICES, MNIST_INK_OPTIONS, mnistDigitToInk, mnistInkSample, thin } from '../../../support/mnist-ink.js';

// The MNIST-derived handwriting fixture (tests/fixtures/ink/README.md): the
// tracer must give pen-like strokes, and the committed file must be exactly
// what the generator writes, so nobody edits it by hand or lets it drift.
const FIXTURE = path.join(FIXTURES, 'ink/mnist-test-ink.jsonl');
const SIDE = 28;
let test: MnistSplit;

beforeAll(async () => {
  test = await loadMnist('test');
});

const ink = (index: number, seed = index + 1) => mnistDigitToInk(test.images.pixels, index * SIDE * SIDE, seed);

describe('MNIST digits as pen strokes', () => {
  it('thins every digit to a line one pixel wide', () => {
    // Except a 2x2 knot where two lines cross at a slant: removing any of its
    // pixels would cut a line, so Zhang-Suen keeps it (4 of these 1000
    // digits, all 8s).
    const blocks: string[] = [];
    for (const index of FIXTURE_INDICES) {
      const skeleton = thin(binarize(test.images.pixels, index * SIDE * SIDE, MNIST_INK_OPTIONS.threshold));
      for (let y = 0; y + 1 < SIDE; y++) {
        for (let x = 0; x + 1 < SIDE; x++) {
          const k = y * SIDE + x;
          if (skeleton[k]! + skeleton[k + 1]! + skeleton[k + SIDE]! + skeleton[k + SIDE + 1]! === 4) blocks.push(`test image ${index} at ${x},${y}`);
        }
      }
    }
    expect(blocks.length, blocks.join('\n')).toBeLessThanOrEqual(FIXTURE_INDICES.length / 100);
  });

  it('draws each digit in 1 to 6 strokes, mostly 1 to 3, every point on the surface at pen spacing', () => {
    const { surfaceWidth, surfaceHeight } = MNIST_INK_OPTIONS;
    const counts: number[] = [];
    const problems: string[] = [];
    for (const index of FIXTURE_INDICES) {
      const strokes = ink(index);
      counts.push(strokes.length);
      if (strokes.length < 1 || strokes.length > 6) problems.push(`test image ${index}: ${strokes.length} strokes`);
      for (const stroke of strokes) {
        if (stroke.length < 2) problems.push(`test image ${index}: a stroke of ${stroke.length} point`);
        stroke.forEach(([x, y], i) => {
          if (!(x >= 0 && x <= surfaceWidth && y >= 0 && y <= surfaceHeight)) problems.push(`test image ${index}: [${x}, ${y}] off the surface`);
          const previous = stroke[i - 1];
          // Resampled at 3-4 px; the tremor bends each step by well under a pixel.
          const step = previous ? Math.hypot(x - previous[0], y - previous[1]) : 1;
          if (step <= 0 || step >= 6) problems.push(`test image ${index}: a step of ${step} px`);
        });
      }
    }
    expect(problems).toEqual([]);
    expect(counts.filter((c) => c <= 3).length / counts.length).toBeGreaterThan(0.95);
  });

  it('gives the same ink for the same seed and other ink for another', () => {
    expect(ink(42, 7)).toEqual(ink(42, 7));
    expect(ink(42, 8)).not.toEqual(ink(42, 7));
  });
});

describe('tests/fixtures/ink/mnist-test-ink.jsonl', () => {
  it('is what make-mnist-ink.ts writes, line for line', () => {
    const lines = readFileSync(FIXTURE, 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(FIXTURE_INDICES.length);
    FIXTURE_INDICES.forEach((index, i) => expect(lines[i], `line ${i + 1}`).toBe(JSON.stringify(mnistInkSample(test, index))));
  });
});
