import { describe, expect, it } from 'vitest';
import type { Normalization } from '../../../../../app/model/types.js';
import { sampleGradient, sampleLoss } from '../../../../../app/train/gradients/sample-gradient.js';
import type { NumericLayer } from '../../../../../app/train/gradients/numeric-layer.js';
import { SeededRandom } from '../../../../../app/random/seeded-random.js';
import { ARCHITECTURES, randomLayers } from '../../../../helpers/random-layers.js';

const NORMALIZATION: Normalization = { mean: 0.1307, std: 0.3081 };
const H = 1e-6;

/**
 * Central differences in float64: (L(w + h) - L(w - h)) / 2h has a truncation
 * error ~h^2 |L'''| (~1e-12) and a rounding error ~eps64 |L| / h (~1e-10), far
 * below the float32 rounding of the analytic gradient (relative 6e-8). So we
 * allow 1e-6 relative plus 1e-8 absolute (for entries that are ~0): a sign,
 * index or derivative mistake is off by far more.
 */
function expectMatches(analytic: number, numeric: number, what: string): void {
  expect(Math.abs(analytic - numeric), `${what}: analytic ${analytic} vs central difference ${numeric}`).toBeLessThanOrEqual(1e-6 * Math.abs(numeric) + 1e-8);
}

describe('per-sample gradients against central finite differences (float64)', () => {
  for (const arch of ARCHITECTURES) {
    it(`${arch.name}: 6 random weights and 3 random biases per layer`, () => {
      const layers = randomLayers(arch.sizes, arch.activations, 2024);
      const random = new SeededRandom(99);
      const pixels = random.floats(arch.sizes[0]!, 0, 1);
      const label = random.int(arch.sizes.at(-1)!);
      const gradient = sampleGradient({ layers }, NORMALIZATION, pixels, label);
      // Float64 copies that can be nudged by H exactly enough.
      const numeric: NumericLayer[] = layers.map((l) => ({ ...l, weights: Float64Array.from(l.weights), biases: Float64Array.from(l.biases) }));
      const lossAt = (array: Float64Array, index: number, value: number): number => {
        const saved = array[index]!;
        array[index] = value;
        const loss = sampleLoss(numeric, NORMALIZATION, pixels, label);
        array[index] = saved;
        return loss;
      };
      const central = (array: Float64Array, index: number) => (lossAt(array, index, array[index]! + H) - lossAt(array, index, array[index]! - H)) / (2 * H);
      let checked = 0;
      let nonZero = 0;
      numeric.forEach((layer, l) => {
        const w = layer.weights as Float64Array;
        const b = layer.biases as Float64Array;
        for (let k = 0; k < 6; k++) {
          const index = random.int(w.length);
          const analytic = gradient.layers[l]!.weights[index]!;
          expectMatches(analytic, central(w, index), `${layer.name}.weights[${Math.floor(index / layer.inDim)}][${index % layer.inDim}]`);
          checked++;
          if (analytic !== 0) nonZero++;
        }
        for (let k = 0; k < 3; k++) {
          const index = random.int(b.length);
          const analytic = gradient.layers[l]!.biases[index]!;
          expectMatches(analytic, central(b, index), `${layer.name}.biases[${index}]`);
          if (analytic !== 0) nonZero++;
        }
      });
      expect(checked).toBe(6 * layers.length);
      // ReLU zeroes some entries; most must be non-zero or the check proves little.
      expect(nonZero).toBeGreaterThan((9 * layers.length) / 3);
    });
  }

  it('the loss itself is -log softmax(logits)[label], computed stably for huge logits', () => {
    const layers = [{ name: 'out', activation: 'linear' as const, inDim: 2, outDim: 3, weights: new Float32Array([1000, 0, 0, 1000, 0, 0]), biases: new Float32Array([0, 0, 0]) }];
    const pixels = new Float32Array([1, 0]); // normalization below makes the input [1, 0]
    const identity = { mean: 0, std: 1 };
    const right = sampleGradient({ layers }, identity, pixels, 0);
    const wrong = sampleGradient({ layers }, identity, pixels, 1);
    expect(right.loss).toBe(0);
    expect(wrong.loss).toBeCloseTo(1000, 9);
    expect(right.predicted).toBe(0);
    expect(Number.isFinite(wrong.norm)).toBe(true);
    // dL/dlogit = p - onehot: [1, -1, 0] for label 1, times input [1, 0].
    expect([...wrong.layers[0]!.biases]).toEqual([1, -1, 0]);
    expect(Array.from(wrong.layers[0]!.weights, (v) => v + 0)).toEqual([1, 0, -1, 0, 0, 0]); // + 0: -0 -> 0
  });
});
