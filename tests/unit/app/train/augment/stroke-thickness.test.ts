import { beforeAll, describe, expect, it } from 'vitest';
import { imagesAsUnitFloats } from '../../../../../app/mnist/idx.js';
import { changeThickness } from '../../../../../app/train/augment/stroke-thickness.js';
import { loadMnist } from '../../../../../main/mnist/load-mnist.js';

const sum = (image: Float32Array) => image.reduce((a, b) => a + b, 0);
let digits: Float32Array[];

beforeAll(async () => {
  const test = await loadMnist('test');
  const pixels = imagesAsUnitFloats(test.images, 0, 20);
  digits = Array.from({ length: 20 }, (_, i) => pixels.slice(i * 784, (i + 1) * 784));
});

describe('changeThickness', () => {
  it('adds ink when thickening and removes it when thinning, more for more strength', () => {
    for (const d of digits) {
      const ink = [-1, -0.5, -0.25, 0, 0.25, 0.5, 1, 2].map((s) => sum(changeThickness(d, 28, s)));
      for (let i = 1; i < ink.length; i++) expect(ink[i]!).toBeGreaterThan(ink[i - 1]!);
    }
  });

  it('never lowers a pixel when thickening nor raises one when thinning', () => {
    const d = digits[0]!;
    const thick = changeThickness(d, 28, 0.7);
    const thin = changeThickness(d, 28, -0.7);
    expect(thick.every((v, i) => v >= (d[i] as number))).toBe(true);
    expect(thin.every((v, i) => v <= (d[i] as number))).toBe(true);
  });

  it('grows a dot into a plus sign, and a fraction blends it', () => {
    const dot = new Float32Array(784);
    dot[14 * 28 + 14] = 1;
    const full = changeThickness(dot, 28, 1);
    expect([full[13 * 28 + 14], full[15 * 28 + 14], full[14 * 28 + 13], full[14 * 28 + 15], full[13 * 28 + 13]]).toEqual([1, 1, 1, 1, 0]);
    expect(changeThickness(dot, 28, 0.25)[14 * 28 + 15]).toBeCloseTo(0.25, 6);
    expect(changeThickness(dot, 28, -1).every((v) => v === 0)).toBe(true);
  });

  it('returns an equal copy for 0 or NaN and ends for absurd strengths', () => {
    const d = digits[1]!;
    for (const s of [0, NaN]) {
      const out = changeThickness(d, 28, s);
      expect(out).not.toBe(d);
      expect(out).toEqual(d);
    }
    const peak = Math.max(...d);
    expect(changeThickness(d, 28, Infinity).every((v) => v === peak)).toBe(true);
    expect(changeThickness(d, 28, -1e9).every((v) => v === 0)).toBe(true);
  });
});
