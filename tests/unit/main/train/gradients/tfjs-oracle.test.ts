import { describe, expect, it } from 'vitest';
import { imageAsUnitFloats } from '../../../../../app/mnist/idx.js';
import type { DenseLayer, Normalization } from '../../../../../app/model/types.js';
import { sampleGradient } from '../../../../../app/train/gradients/sample-gradient.js';
import { loadMnist } from '../../../../../main/mnist/load-mnist.js';
import { loadModel } from '../../../../../main/model/load-model.js';
import { tfjsSampleGradient, tfjsTensorCount } from '../../../../../main/train/gradients/tfjs-sample-gradient.js';
import { REPO_ROOT } from '../../../../helpers/fixtures.js';
import { ARCHITECTURES, randomLayers } from '../../../../helpers/random-layers.js';
import { SeededRandom } from '../../../../../app/random/seeded-random.js';
import path from 'node:path';

const MNIST_NORMALIZATION: Normalization = { mean: 0.1307, std: 0.3081 };

/**
 * Tolerance: tfjs computes in float32, we in float64 (then round to float32).
 * Each gradient entry is delta[o] * input[i], and delta comes out of float32
 * dot products of up to 784 terms, so tfjs's entries carry errors of about
 * sqrt(784) float32 epsilons (28 x 1.2e-7 = 3.3e-6) of the layer's largest
 * entries; observed: at most ~2e-7. We allow 5e-6 of the layer's largest
 * |gradient| plus 1e-9 absolute for a layer whose gradient is ~0. A wrong
 * index, a missing activation derivative or a transposed matrix is off by
 * O(1) of that scale.
 */
function expectClose(ours: Float32Array, theirs: Float32Array, what: string): number {
  expect(ours.length, what).toBe(theirs.length);
  let scale = 0;
  for (const v of theirs) scale = Math.max(scale, Math.abs(v));
  const tolerance = 5e-6 * scale + 1e-9;
  let worst = 0;
  for (let i = 0; i < ours.length; i++) worst = Math.max(worst, Math.abs((ours[i] as number) - (theirs[i] as number)));
  expect(worst, `${what}: worst |ours - tfjs| ${worst} vs tolerance ${tolerance} (scale ${scale})`).toBeLessThanOrEqual(tolerance);
  return scale;
}

async function compare(layers: DenseLayer[], normalization: Normalization, pixels: Float32Array, label: number, what: string): Promise<void> {
  const ours = sampleGradient({ layers }, normalization, pixels, label);
  const theirs = await tfjsSampleGradient({ layers }, normalization, pixels, label);
  expect(Math.abs(ours.loss - theirs.loss), `${what}: loss ${ours.loss} vs ${theirs.loss}`).toBeLessThanOrEqual(1e-5 * Math.max(1, ours.loss));
  let nonZero = 0;
  layers.forEach((layer, l) => {
    nonZero += expectClose(ours.layers[l]!.weights, theirs.layers[l]!.weights, `${what} ${layer.name}.weights`) > 0 ? 1 : 0;
    expectClose(ours.layers[l]!.biases, theirs.layers[l]!.biases, `${what} ${layer.name}.biases`);
  });
  // A comparison of two all-zero gradients would prove nothing.
  expect(nonZero, `${what}: some layer has a non-zero gradient`).toBeGreaterThan(0);
}

describe('per-sample gradients against tfjs autograd (cpu backend, float32)', () => {
  for (const arch of ARCHITECTURES) {
    it(`${arch.name}: every weight and bias gradient, 3 seeded samples`, async () => {
      const layers = randomLayers(arch.sizes, arch.activations, 101);
      const random = new SeededRandom(7);
      for (let s = 0; s < 3; s++) {
        const pixels = random.floats(arch.sizes[0]!, 0, 1);
        const label = random.int(arch.sizes.at(-1)!);
        await compare(layers, MNIST_NORMALIZATION, pixels, label, `${arch.name} sample ${s}`);
      }
    });
  }

  it('the default model (an early snapshot, where losses are not ~0) on real MNIST test digits', async () => {
    const model = await loadModel(path.join(REPO_ROOT, 'exports/mlp_weights.json'));
    const early = model.timeline.find((e) => e.targetImages >= 1000 && e.targetImages <= 2000) ?? model.timeline[5]!;
    const weights = await model.loadSnapshot(early.id);
    const test = await loadMnist('test');
    for (const index of [0, 1, 2, 3, 4]) {
      await compare([...weights.layers], model.network.normalization, imageAsUnitFloats(test.images, index), test.labels[index]!, `${early.id} test #${index}`);
    }
  });

  it('the oracle frees every tensor it makes', async () => {
    const layers = randomLayers([20, 7, 3], ['tanh', 'sigmoid'], 3);
    const pixels = new SeededRandom(1).floats(20);
    await tfjsSampleGradient({ layers }, MNIST_NORMALIZATION, pixels, 1);
    const before = tfjsTensorCount();
    for (let i = 0; i < 5; i++) await tfjsSampleGradient({ layers }, MNIST_NORMALIZATION, pixels, i % 3);
    expect(tfjsTensorCount()).toBe(before);
  });
});
