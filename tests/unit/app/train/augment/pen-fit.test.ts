import { beforeAll, describe, expect, it } from 'vitest';
import { centerOfMass } from '../../../../../app/ink/center-of-mass.js';
import { MNIST_INK } from '../../../../../app/ink/ink-options.js';
import { rasterizeStrokes } from '../../../../../app/ink/rasterize-strokes.js';
import { strokesToInput } from '../../../../../app/ink/strokes-to-input.js';
import { boundsOf } from '../../../../../app/ink/stroke-types.js';
import { imagesAsUnitFloats } from '../../../../../app/mnist/idx.js';
import { linearAbout } from '../../../../../app/train/augment/affine.js';
import { penFit, penNormalize } from '../../../../../app/train/augment/pen-fit.js';
import { loadMnist } from '../../../../../main/mnist/load-mnist.js';
import { SYNTHETIC_DIGITS } from '../../../../support/synthetic-digits.js';

const sum = (image: Float32Array) => image.reduce((a, b) => a + b, 0);
const l1 = (a: Float32Array, b: Float32Array) => a.reduce((acc, v, i) => acc + Math.abs(v - (b[i] as number)), 0);

/** Longest side of the pixels at least `level` inked, in whole pixels. */
function inkedSpan(image: Float32Array, level = 0.5): number {
  let minX = 28, maxX = -1, minY = 28, maxY = -1;
  for (let y = 0; y < 28; y++) {
    for (let x = 0; x < 28; x++) {
      if ((image[y * 28 + x] as number) < level) continue;
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    }
  }
  return Math.max(maxX - minX + 1, maxY - minY + 1);
}

function expectPresented(image: Float32Array): void {
  const com = centerOfMass(image, 28)!;
  expect(Math.abs(com.x - MNIST_INK.centre)).toBeLessThan(0.05);
  expect(Math.abs(com.y - MNIST_INK.centre)).toBeLessThan(0.05);
  // The 0.5 outline spans the 20 px box; pixels straddling it add at most one.
  expect(inkedSpan(image)).toBeLessThanOrEqual(MNIST_INK.box + 1);
  expect(inkedSpan(image)).toBeGreaterThanOrEqual(MNIST_INK.box - 2);
}

let digits: Float32Array[];
beforeAll(async () => {
  const test = await loadMnist('test');
  const pixels = imagesAsUnitFloats(test.images, 0, 30);
  digits = Array.from({ length: 30 }, (_, i) => pixels.slice(i * 784, (i + 1) * 784));
});

describe('penNormalize / penFit: the pen path\'s fit and centring on an image', () => {
  it('leaves MNIST digits nearly as they are (MNIST was fitted and centred the same way)', () => {
    for (const d of digits) {
      const out = penNormalize(d, 28);
      expectPresented(out);
      // Only a sub-pixel move and a ~1% size change: the ink stays within
      // 2% of its amount.
      expect(Math.abs(sum(out) - sum(d)) / sum(d)).toBeLessThan(0.05);
    }
  });

  it('puts small, large, off-centre, rotated and stretched digits back in the box, centred', () => {
    const changes = [
      linearAbout(14, 14, 0, 0.6, 0.6, 0),
      linearAbout(10, 18, 0, 1.3, 1.3, 0),
      linearAbout(14, 14, 0.4, 0.9, 1.2, 0.2),
      linearAbout(14, 14, -0.3, 1.4, 0.7, -0.3), // pushes ink past the edge: measured on a wider canvas
    ];
    for (const d of digits.slice(0, 10)) for (const m of changes) expectPresented(penFit(d, 28, m).image);
  });

  it('agrees with the pen path on strokes drawn off-centre and smaller (oracle: strokesToInput)', () => {
    for (const digit of [0, 1, 4, 7, 8]) {
      const strokes = SYNTHETIC_DIGITS[digit]!;
      const expected = strokesToInput(strokes);
      // The same strokes rasterized 0.7x as large (pen too), 4 px up and
      // left: a visitor's digit as a plain picture, before the pen path.
      const b = boundsOf(strokes)!;
      const scale = ((MNIST_INK.box - 2 * MNIST_INK.penRadius) / Math.max(b.maxX - b.minX, b.maxY - b.minY)) * 0.7;
      const picture = rasterizeStrokes(strokes, { scale, offsetX: 10 - b.minX * scale, offsetY: 6 - b.minY * scale }, 28, MNIST_INK.penRadius * 0.7, MNIST_INK.softness * 0.7);
      const presented = penNormalize(picture, 28);
      expectPresented(presented);
      // Bilinear enlargement blurs the edges a little: within 25% of the ink
      // (0.15-0.18 measured), where another digit differs by over 100%.
      expect(l1(presented, expected) / sum(expected), `digit ${digit}`).toBeLessThan(0.25);
      const other = strokesToInput(SYNTHETIC_DIGITS[digit === 1 ? 7 : 1]!);
      expect(l1(other, expected) / sum(expected)).toBeGreaterThan(0.75);
    }
  });

  it('leaves a blank image blank and keeps a full one finite', () => {
    expect(penNormalize(new Float32Array(784), 28).every((v) => v === 0)).toBe(true);
    const full = penNormalize(new Float32Array(784).fill(1), 28);
    expect(full.every((v) => Number.isFinite(v) && v >= 0 && v <= 1)).toBe(true);
  });
});
