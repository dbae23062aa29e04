import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { imagesAsUnitFloats } from '../../../../../app/mnist/idx.js';
import { argmax, forward } from '../../../../../app/model/forward.js';
import { summarizeGradientNorms } from '../../../../../app/train/gradients/class-summary.js';
import { gradientNormsOf } from '../../../../../app/train/gradients/gradient-norms.js';
import { loadMnist } from '../../../../../main/mnist/load-mnist.js';
import { loadModel } from '../../../../../main/model/load-model.js';
import { REPO_ROOT } from '../../../../helpers/fixtures.js';

describe('gradient norms of the default model on real MNIST', () => {
  it('3,000 training digits: finite norms, losses and predictions that agree with the forward pass, all ten digits summarised', async () => {
    const model = await loadModel(path.join(REPO_ROOT, 'exports/mlp_weights.json'));
    const weights = await model.loadSnapshot(model.defaultSnapshotId);
    const train = await loadMnist('train');
    const n = 3000;
    const images = train.images.pixels.subarray(0, n * 784);
    const labels = train.labels.subarray(0, n);
    const result = gradientNormsOf(weights, model.network.normalization, images, labels);

    expect(result.count).toBe(n);
    expect(result.layerNames).toEqual(['dense_0', 'dense_1', 'dense_2']);
    for (const column of [result.norms, result.losses, result.layerNorms]) {
      expect(column.every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
    }
    // The existing forward pass (float64 accumulation, float32 output) is the oracle for loss and prediction.
    const floats = imagesAsUnitFloats(train.images, 0, 200);
    for (let s = 0; s < 200; s++) {
      const { logits, probabilities } = forward(weights.layers, floats.subarray(s * 784, (s + 1) * 784), model.network.normalization);
      expect(result.predicted[s], `sample ${s}`).toBe(argmax(logits));
      const p = probabilities[labels[s]!]!;
      if (p < 0.999) expect(result.losses[s]!, `sample ${s}`).toBeCloseTo(-Math.log(p), 4);
    }

    const summary = summarizeGradientNorms(result, labels, 10);
    expect(summary.classes.map((c) => c.label)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(summary.classes.reduce((sum, c) => sum + c.count, 0)).toBe(n);
    expect([...summary.hardestClasses].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (const c of summary.classes) {
      expect(Number.isFinite(c.meanNorm) && Number.isFinite(c.medianNorm) && Number.isFinite(c.meanLoss)).toBe(true);
      expect(c.errorRate).toBeLessThan(0.05);
    }
    // The hardest sample has the largest norm of all, and the misclassified digits are among the large norms.
    const largest = result.norms.reduce((m, v) => Math.max(m, v), 0);
    expect(summary.hardestSamples[0]!.norm).toBe(largest);
    const wrong = [...labels.keys()].filter((s) => result.predicted[s] !== labels[s]);
    const median = Float32Array.from(result.norms).sort()[n >> 1]!;
    for (const s of wrong) expect(result.norms[s]!, `misclassified sample ${s}`).toBeGreaterThan(median);
  });
});
