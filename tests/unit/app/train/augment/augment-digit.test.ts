import { beforeAll, describe, expect, it } from 'vitest';
import { centerOfMass } from '../../../../../app/ink/center-of-mass.js';
import { imagesAsUnitFloats } from '../../../../../app/mnist/idx.js';
import { SeededRandom } from '../../../../../app/random/seeded-random.js';
import { augmentDigit, makeAugment } from '../../../../../app/train/augment/augment-digit.js';
import { AugmentOptionsError, DEFAULT_AUGMENT, NO_AUGMENT, type AugmentOptions } from '../../../../../app/train/augment/augment-options.js';
import { loadMnist } from '../../../../../main/mnist/load-mnist.js';

const N = 50;
let digits: Float32Array[];
let pristine: Float32Array[];

beforeAll(async () => {
  const test = await loadMnist('test');
  const pixels = imagesAsUnitFloats(test.images, 0, N);
  digits = Array.from({ length: N }, (_, i) => pixels.slice(i * 784, (i + 1) * 784));
  pristine = digits.map((d) => d.slice());
});

/** The widest options the checks allow: hostile, but legal. */
const EXTREME: AugmentOptions = { rotationDeg: 180, scale: [0.25, 4], aspect: 1, shear: 1, translatePx: 14, thicknessPx: [-3, 3], penFitProbability: 0.5 };
const ALWAYS_FIT: AugmentOptions = { ...DEFAULT_AUGMENT, penFitProbability: 1 };

function expectUnitAndFinite(image: Float32Array): void {
  expect(image).toHaveLength(784);
  const bad = Array.from(image).filter((v) => !(Number.isFinite(v) && v >= 0 && v <= 1));
  expect(bad).toEqual([]);
}

describe('augmentDigit', () => {
  it('gives the same images for the same seed and different ones for another', () => {
    const run = (seed: number) => {
      const rng = new SeededRandom(seed);
      return digits.map((d) => augmentDigit(d, rng));
    };
    const a = run(7);
    expect(run(7)).toEqual(a);
    const b = run(8);
    const differing = a.filter((img, i) => img.some((v, j) => v !== b[i]![j])).length;
    expect(differing).toBeGreaterThan(N * 0.9);
    // The input is not touched.
    expect(digits).toEqual(pristine);
  });

  it('draws the same number of random values whatever the options, so a trainer\'s stream stays in step', () => {
    const after = (options: AugmentOptions) => {
      const rng = new SeededRandom(3);
      augmentDigit(digits[0]!, rng, options);
      return rng.next();
    };
    expect(after(NO_AUGMENT)).toBe(after(DEFAULT_AUGMENT));
    expect(after(EXTREME)).toBe(after(DEFAULT_AUGMENT));
  });

  it('gives the input back with options that change nothing', () => {
    const rng = new SeededRandom(1);
    for (const d of digits) {
      const out = augmentDigit(d, rng, NO_AUGMENT);
      expect(out).not.toBe(d);
      const worst = Math.max(...Array.from(out, (v, i) => Math.abs(v - (d[i] as number))));
      expect(worst).toBeLessThanOrEqual(1e-6);
    }
  });

  it('stays in [0, 1] and finite for blank, saturated, noisy and non-finite inputs, with default and extreme options', () => {
    const noise = new SeededRandom(5).floats(784);
    const poisoned = digits[1]!.slice();
    for (let i = 0; i < 784; i += 7) poisoned[i] = [NaN, Infinity, -Infinity, -3, 42][i % 5]!;
    const inputs = [new Float32Array(784), new Float32Array(784).fill(1), noise, poisoned, digits[2]!];
    const rng = new SeededRandom(11);
    for (const options of [DEFAULT_AUGMENT, ALWAYS_FIT, EXTREME]) {
      for (const input of inputs) for (let k = 0; k < 5; k++) expectUnitAndFinite(augmentDigit(input, rng, options));
    }
    // Blank stays blank: nothing is invented.
    expect(augmentDigit(new Float32Array(784), rng, ALWAYS_FIT).every((v) => v === 0)).toBe(true);
  });

  it('presents re-fitted digits as the pen path does: centre of mass on (14, 14), ink within the 20 px box', () => {
    const rng = new SeededRandom(21);
    for (const d of digits) {
      const out = augmentDigit(d, rng, ALWAYS_FIT);
      const com = centerOfMass(out, 28)!;
      expect(Math.abs(com.x - 14)).toBeLessThan(0.1);
      expect(Math.abs(com.y - 14)).toBeLessThan(0.1);
      // Pixels at least half inked lie within 20 px (+1 for a pixel
      // straddling each side of the outline) on both axes.
      const [w, h] = inkedSpan(out, 0.5);
      expect(Math.max(w, h)).toBeLessThanOrEqual(21);
      expect(Math.max(w, h)).toBeGreaterThanOrEqual(18);
    }
  });

  it('keeps digits near MNIST\'s placement with the defaults (centres of mass within the shift range)', () => {
    const rng = new SeededRandom(4);
    for (const d of digits) {
      const com = centerOfMass(augmentDigit(d, rng), 28)!;
      expect(Math.hypot(com.x - 14, com.y - 14)).toBeLessThan(DEFAULT_AUGMENT.translatePx * Math.SQRT2 + 1);
    }
  });

  it('refuses images that are not 28x28', () => {
    expect(() => augmentDigit(new Float32Array(100), new SeededRandom(1))).toThrow(/augment: expected 784 pixels \(28x28\), got 100/);
  });
});

describe('makeAugment', () => {
  it('is the trainer\'s hook: (pixels, rng) => a new image, the same as augmentDigit with those options', () => {
    const hook = makeAugment(ALWAYS_FIT);
    expect(hook(digits[3]!, new SeededRandom(9))).toEqual(augmentDigit(digits[3]!, new SeededRandom(9), ALWAYS_FIT));
    expect(makeAugment()(digits[3]!, new SeededRandom(9))).toEqual(augmentDigit(digits[3]!, new SeededRandom(9)));
  });

  it.each([
    ['rotation that is not a number', { rotationDeg: NaN }, /rotationDeg is NaN/],
    ['negative shear', { shear: -0.1 }, /shear is -0.1; expected a number from 0 to 1/],
    ['a scale range upside down', { scale: [1.2, 0.8] as const }, /scale is \[1.2, 0.8\]; the minimum is above the maximum/],
    ['a zero scale', { scale: [0, 1] as const }, /scale\[0\] is 0/],
    ['a probability above 1', { penFitProbability: 1.5 }, /penFitProbability is 1.5/],
    ['endless thickening', { thicknessPx: [0, Infinity] as const }, /thicknessPx\[1\] is Infinity/],
  ])('refuses %s, naming the field', (_name, change, pattern) => {
    const bad = { ...DEFAULT_AUGMENT, ...change } as AugmentOptions;
    expect(() => makeAugment(bad)).toThrow(AugmentOptionsError);
    expect(() => makeAugment(bad)).toThrow(pattern);
  });
});

function inkedSpan(image: Float32Array, level: number): [number, number] {
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
  return [maxX - minX + 1, maxY - minY + 1];
}
