import { describe, expect, it } from 'vitest';
import type { DenseLayer, Normalization } from '../../../../../app/model/types.js';
import { summarizeGradientNorms } from '../../../../../app/train/gradients/class-summary.js';
import { GradientInputError } from '../../../../../app/train/gradients/gradient-error.js';
import { gradientNormsOf } from '../../../../../app/train/gradients/gradient-norms.js';
import { sampleGradient, sampleGradients } from '../../../../../app/train/gradients/sample-gradient.js';
import { randomLayers } from '../../../../helpers/random-layers.js';

const NORMALIZATION: Normalization = { mean: 0.1307, std: 0.3081 };
const good = () => randomLayers([784, 16, 10], ['relu', 'linear'], 1);
const images = (n: number) => new Uint8Array(n * 784).fill(30);
const labels = (n: number) => Uint8Array.from({ length: n }, (_, i) => i % 10);

function expectError(run: () => unknown, pattern: RegExp): void {
  let error: unknown;
  try {
    run();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(GradientInputError);
  expect((error as Error).message).toMatch(pattern);
}

function withLayer(change: (layers: DenseLayer[]) => void): DenseLayer[] {
  const layers = good();
  change(layers);
  return layers;
}

describe('hostile inputs to per-sample gradients', () => {
  it('wrong input length', () => {
    expectError(() => gradientNormsOf({ layers: good() }, NORMALIZATION, new Uint8Array(3 * 784 - 1), labels(3)), /^images: holds 2351 values; 3 labels need 3 x 784 = 2352 \(the network reads 784 pixels\)$/);
    expectError(() => sampleGradient({ layers: good() }, NORMALIZATION, new Float32Array(783), 1), /^pixels: holds 783 values; the network reads 784$/);
    expectError(() => sampleGradients({ layers: good() }, NORMALIZATION, images(2), labels(3), [0]), /^images: holds 1568 values; 3 labels need 3 x 784 = 2352/);
  });

  it('mismatched layer shapes', () => {
    const chain = withLayer((l) => (l[1] = { ...l[1]!, inDim: 15, weights: new Float32Array(150) }));
    expectError(() => gradientNormsOf({ layers: chain }, NORMALIZATION, images(1), labels(1)), /^layers\[1\] \(dense_1\): takes 15 inputs but layers\[0\] \(dense_0\) gives 16 outputs$/);
    const short = withLayer((l) => (l[0] = { ...l[0]!, weights: l[0]!.weights.subarray(1) }));
    expectError(() => gradientNormsOf({ layers: short }, NORMALIZATION, images(1), labels(1)), /^layers\[0\] \(dense_0\)\.weights: holds 12543 values; \[16\]\[784\] needs 12544$/);
    const biases = withLayer((l) => (l[1] = { ...l[1]!, biases: new Float32Array(9) }));
    expectError(() => gradientNormsOf({ layers: biases }, NORMALIZATION, images(1), labels(1)), /biases: holds 9 values; needs 10$/);
    expectError(() => gradientNormsOf({ layers: [] }, NORMALIZATION, images(1), labels(1)), /^weights: the network has no layers$/);
    const act = withLayer((l) => (l[0] = { ...l[0]!, activation: 'gelu' as never }));
    expectError(() => gradientNormsOf({ layers: act }, NORMALIZATION, images(1), labels(1)), /activation "gelu" is not one of relu, linear, tanh, sigmoid/);
  });

  it('NaN or infinite weights, biases, pixels and normalization', () => {
    const nan = withLayer((l) => (l[0]!.weights[2 * 784 + 5] = NaN));
    expectError(() => gradientNormsOf({ layers: nan }, NORMALIZATION, images(1), labels(1)), /^layers\[0\] \(dense_0\)\.weights\[2\]\[5\]: is NaN; every weight and bias must be finite \(did training diverge\?\)$/);
    const inf = withLayer((l) => (l[1]!.biases[3] = -Infinity));
    expectError(() => sampleGradient({ layers: inf }, NORMALIZATION, new Float32Array(784), 0), /^layers\[1\] \(dense_1\)\.biases\[3\]: is -Infinity/);
    const pixels = new Float32Array(2 * 784);
    pixels[784 + 9] = NaN;
    expectError(() => gradientNormsOf({ layers: good() }, NORMALIZATION, pixels, labels(2)), /^images\[1\] pixel 9: is NaN; pixels must be finite$/);
    expectError(() => gradientNormsOf({ layers: good() }, { mean: 0.1, std: 0 }, images(1), labels(1)), /^normalization\.std: is 0; must be a positive number$/);
    expectError(() => gradientNormsOf({ layers: good() }, { mean: NaN, std: 1 }, images(1), labels(1)), /^normalization\.mean: is NaN/);
  });

  it('labels, sample indices and types that do not fit', () => {
    const bad = labels(3);
    bad[2] = 10;
    expectError(() => gradientNormsOf({ layers: good() }, NORMALIZATION, images(3), bad), /^labels\[2\]: is 10; the network has 10 classes \(0-9\)$/);
    expectError(() => sampleGradient({ layers: good() }, NORMALIZATION, new Float32Array(784), -1), /^labels\[0\]: is -1/);
    expectError(() => sampleGradients({ layers: good() }, NORMALIZATION, images(3), labels(3), [1, 3]), /^sample index: 3 is not in 0-2$/);
    expectError(() => gradientNormsOf({ layers: good() }, NORMALIZATION, Array.from(images(1)) as never, labels(1)), /^images: must be a Float32Array \(\[0, 1\]\) or a Uint8Array \(0-255\)$/);
    const norms = gradientNormsOf({ layers: good() }, NORMALIZATION, images(3), labels(3));
    expectError(() => summarizeGradientNorms(norms, labels(2)), /^labels: holds 2 labels for 3 norms$/);
  });
});
