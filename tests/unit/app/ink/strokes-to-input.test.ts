import { describe, expect, it } from 'vitest';
import { strokesToInput } from '../../../../app/ink/strokes-to-input.js';
import { centerOfMass } from '../../../../app/ink/center-of-mass.js';
import { MNIST_INK } from '../../../../app/ink/ink-options.js';
import { SYNTHETIC_DIGITS, transformStrokes } from '../../../support/synthetic-digits.js';

function inkBox(image: Float32Array, size = 28): { w: number; h: number } {
  let x0 = size, x1 = -1, y0 = size, y1 = -1;
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++)
      if ((image[y * size + x] as number) > 0.05) {
        x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
      }
  return { w: x1 - x0 + 1, h: y1 - y0 + 1 };
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs((a[i] as number) - (b[i] as number)));
  return m;
}

describe('strokesToInput', () => {
  it('gives 784 zeros for no ink', () => {
    const input = strokesToInput([]);
    expect(input).toHaveLength(784);
    expect(input.every((v) => v === 0)).toBe(true);
  });

  it('keeps every value in [0, 1] and saturates the stroke core', () => {
    const input = strokesToInput(SYNTHETIC_DIGITS[8]!);
    expect(Math.min(...input)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...input)).toBe(1);
  });

  it('puts the centre of mass on MNIST\'s (pixel 14, 14)', () => {
    for (const digit of [0, 1, 4, 7]) {
      const com = centerOfMass(strokesToInput(SYNTHETIC_DIGITS[digit]!), 28)!;
      expect(com.x).toBeCloseTo(MNIST_INK.centre, 1);
      expect(com.y).toBeCloseTo(MNIST_INK.centre, 1);
    }
  });

  it('fits the longer side to the 20 px box and keeps the aspect ratio', () => {
    const tall = inkBox(strokesToInput(SYNTHETIC_DIGITS[0]!)); // 56 x 80 ellipse
    expect(tall.h).toBeGreaterThanOrEqual(19);
    expect(tall.h).toBeLessThanOrEqual(22);
    expect(tall.w / tall.h).toBeGreaterThan(0.6);
    expect(tall.w / tall.h).toBeLessThan(0.85);
    const wide = inkBox(strokesToInput([[[0, 0], [300, 0], [300, 50]]]));
    expect(wide.w).toBeGreaterThanOrEqual(19);
    expect(wide.w).toBeLessThanOrEqual(22);
    expect(wide.h).toBeLessThan(8);
  });

  it('gives the same input wherever and however large the digit is drawn', () => {
    const reference = strokesToInput(SYNTHETIC_DIGITS[7]!);
    for (const [scale, dx, dy] of [[0.1, 900, 20], [7, -3000, 500], [1, 37.25, 11.5], [0.02, 0, 0]] as const) {
      const moved = strokesToInput(transformStrokes(SYNTHETIC_DIGITS[7]!, scale, dx, dy));
      // Only sub-pixel sampling of the centre-of-mass shift differs.
      expect(maxAbsDiff(moved, reference)).toBeLessThan(0.35);
      const com = centerOfMass(moved, 28)!;
      expect(Math.hypot(com.x - 14, com.y - 14)).toBeLessThan(0.05);
    }
  });

  it('draws a tap as a dot and a straight line without dividing by zero', () => {
    const dot = strokesToInput([[[5, 5]]]);
    expect(dot.some((v) => v > 0.5)).toBe(true);
    expect(dot.every(Number.isFinite)).toBe(true);
    const vertical = strokesToInput([[[5, 0], [5, 100]]]);
    expect(vertical.every(Number.isFinite)).toBe(true);
    expect(inkBox(vertical).h).toBeGreaterThanOrEqual(19);
  });

  it('has an MNIST-like amount of ink (a "1" sums to ~60 in the MNIST test set)', () => {
    const sum = strokesToInput(SYNTHETIC_DIGITS[1]!).reduce((a, b) => a + b, 0);
    expect(sum).toBeGreaterThan(45);
    expect(sum).toBeLessThan(75);
  });
});
