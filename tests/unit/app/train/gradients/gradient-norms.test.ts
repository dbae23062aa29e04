import { describe, expect, it } from 'vitest';
import type { Normalization } from '../../../../../app/model/types.js';
import { summarizeGradientNorms } from '../../../../../app/train/gradients/class-summary.js';
import { gradientNormsOf } from '../../../../../app/train/gradients/gradient-norms.js';
import { sampleGradients } from '../../../../../app/train/gradients/sample-gradient.js';
import { SeededRandom } from '../../../../../app/random/seeded-random.js';
import { ARCHITECTURES, randomLayers } from '../../../../helpers/random-layers.js';

const NORMALIZATION: Normalization = { mean: 0.1307, std: 0.3081 };

/** Seeded images as raw bytes with ~80% background, like MNIST, so the ink-only first layer is exercised. */
function byteImages(n: number, size: number, seed: number): Uint8Array {
  const random = new SeededRandom(seed);
  return Uint8Array.from({ length: n * size }, () => (random.next() < 0.8 ? 0 : 1 + random.int(255)));
}

function squaredNorm(values: Float32Array): number {
  let sum = 0;
  for (const v of values) sum += v * v;
  return sum;
}

describe('gradient norms without outer products', () => {
  for (const arch of ARCHITECTURES) {
    it(`${arch.name}: sqrt(sum_l ||delta_l||^2 (||a_l-1||^2 + 1)) equals the norm of the full gradient, per layer and in total`, () => {
      const layers = randomLayers(arch.sizes, arch.activations, 5);
      const n = 12;
      const classes = arch.sizes.at(-1)!;
      const images = byteImages(n, arch.sizes[0]!, 8);
      const labels = Uint8Array.from({ length: n }, (_, i) => i % classes);
      const norms = gradientNormsOf({ layers }, NORMALIZATION, images, labels);
      const full = sampleGradients({ layers }, NORMALIZATION, images, labels, [...Array(n).keys()]);
      expect(norms.layerNames).toEqual(layers.map((l) => l.name));
      full.forEach((g, s) => {
        let total = 0;
        g.layers.forEach((layer, l) => {
          const squared = squaredNorm(layer.weights) + squaredNorm(layer.biases);
          total += squared;
          // Both sides are float32 roundings of the same float64 quantities.
          expect(Math.abs(norms.layerNorms[s * layers.length + l]! - Math.sqrt(squared)), `sample ${s} layer ${l}`).toBeLessThanOrEqual(1e-6 * Math.sqrt(squared) + 1e-12);
        });
        expect(Math.abs(norms.norms[s]! - Math.sqrt(total)), `sample ${s}`).toBeLessThanOrEqual(1e-6 * Math.sqrt(total) + 1e-12);
        expect(Math.abs(norms.norms[s]! - g.norm)).toBeLessThanOrEqual(1e-6 * g.norm + 1e-12);
        expect(norms.losses[s]).toBeCloseTo(g.loss, 5);
        expect(norms.predicted[s]).toBe(g.predicted);
      });
      expect(full.some((g) => g.norm > 0)).toBe(true);
    });
  }

  it('bytes (0-255) and [0, 1] floats of the same images give the same norms', () => {
    const layers = randomLayers([784, 128, 64, 10], ['relu', 'relu', 'linear'], 11);
    const bytes = byteImages(20, 784, 3);
    const floats = Float32Array.from(bytes, (b) => b / 255);
    const labels = Uint8Array.from({ length: 20 }, (_, i) => i % 10);
    const a = gradientNormsOf({ layers }, NORMALIZATION, bytes, labels);
    const b = gradientNormsOf({ layers }, NORMALIZATION, floats, labels);
    for (let s = 0; s < 20; s++) expect(Math.abs(a.norms[s]! - b.norms[s]!)).toBeLessThanOrEqual(1e-5 * a.norms[s]!);
  });

  it('the class summary: counts, means, medians, error rates and the hardest samples', () => {
    const result = {
      count: 5,
      layerNames: ['x'],
      norms: new Float32Array([1, 4, 2, 8, 3]),
      layerNorms: new Float32Array([1, 4, 2, 8, 3]),
      losses: new Float32Array([0.5, 1, 0.5, 2, 1]),
      predicted: new Uint8Array([0, 1, 1, 0, 2]),
    };
    const labels = new Uint8Array([0, 0, 1, 1, 2]);
    const summary = summarizeGradientNorms(result, labels, 2);
    expect(summary.classes).toEqual([
      { label: 0, count: 2, meanNorm: 2.5, medianNorm: 2.5, meanLoss: 0.75, errorRate: 0.5 },
      { label: 1, count: 2, meanNorm: 5, medianNorm: 5, meanLoss: 1.25, errorRate: 0.5 },
      { label: 2, count: 1, meanNorm: 3, medianNorm: 3, meanLoss: 1, errorRate: 0 },
    ]);
    expect(summary.hardestClasses).toEqual([1, 2, 0]);
    expect(summary.hardestSamples).toEqual([
      { index: 3, label: 1, predicted: 0, norm: 8, loss: 2 },
      { index: 1, label: 0, predicted: 1, norm: 4, loss: 1 },
    ]);
  });
});
