import { beforeAll, describe, expect, it } from 'vitest';
import { imagesAsUnitFloats } from '../../../../../app/mnist/idx.js';
import { applyEvalTransform, EVAL_TRANSFORMS } from '../../../../../app/train/augment/eval-transforms.js';
import { loadMnist } from '../../../../../main/mnist/load-mnist.js';

const N = 40;
let pixels: Float32Array;
beforeAll(async () => {
  pixels = imagesAsUnitFloats((await loadMnist('test')).images, 0, N);
});

const byName = (name: string) => EVAL_TRANSFORMS.find((t) => t.name === name)!;

describe('EVAL_TRANSFORMS', () => {
  it('are named uniquely, each with its own seed, plain first', () => {
    const names = EVAL_TRANSFORMS.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(EVAL_TRANSFORMS.map((t) => t.seed)).size).toBe(names.length);
    expect(names[0]).toBe('plain');
    expect(names).toEqual(expect.arrayContaining(['rotated', 'shifted', 'scaled-0.75', 'scaled-1.25', 'thickened', 'thinned']));
  });

  it('give the same images every time (fixed seeds), in [0, 1], and plain gives the test set back', () => {
    for (const t of EVAL_TRANSFORMS) {
      const a = applyEvalTransform(t, pixels, N);
      expect(applyEvalTransform(t, pixels, N)).toEqual(a);
      expect(a.every((v) => Number.isFinite(v) && v >= 0 && v <= 1), t.name).toBe(true);
      if (t.name !== 'plain') expect(a, t.name).not.toEqual(pixels);
    }
    expect(applyEvalTransform(byName('plain'), pixels, N)).toEqual(pixels);
  });

  it('change ink the way their names say', () => {
    const ink = (name: string) => applyEvalTransform(byName(name), pixels, N).reduce((s, v) => s + v, 0);
    const plain = ink('plain');
    expect(ink('thickened')).toBeGreaterThan(plain);
    expect(ink('thinned')).toBeLessThan(plain);
    expect(ink('scaled-1.25')).toBeGreaterThan(plain);
    expect(ink('scaled-0.75')).toBeLessThan(plain);
  });

  it('shift by 3 px along one axis', () => {
    const shifted = applyEvalTransform(byName('shifted'), pixels, N);
    for (let i = 0; i < N; i++) {
      const src = pixels.subarray(i * 784, (i + 1) * 784);
      const out = shifted.subarray(i * 784, (i + 1) * 784);
      const found = [[3, 0], [-3, 0], [0, 3], [0, -3]].some(([dx, dy]) => {
        for (let y = 4; y < 24; y++) for (let x = 4; x < 24; x++) if (out[(y + dy!) * 28 + x + dx!] !== src[y * 28 + x]) return false;
        return true;
      });
      expect(found, `image ${i}`).toBe(true);
    }
  });

  it('refuse a count the images do not hold', () => {
    expect(() => applyEvalTransform(byName('rotated'), pixels, N + 1)).toThrow(/31360 values do not hold 41 images of 28x28/);
  });
});
