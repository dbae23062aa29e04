import { loadModel } from '../../main/model/load-model.js';
import { createBackend } from '../../main/inference/create-backend.js';
import { loadMnist } from '../../main/mnist/load-mnist.js';
import { imageAsUnitFloats } from '../../app/mnist/idx.js';
import { DEFAULT_MANIFEST } from './bench-paths.js';
import { median, type Report } from './report.js';

/**
 * inference.<backend>.us_per_sample: one sample through the whole network,
 * every layer's activations and the probabilities back, the way the hub runs
 * it for each stroke update. Median of 20 rounds of 500 MNIST test images.
 */
export async function benchInference(report: Report): Promise<void> {
  const model = await loadModel(DEFAULT_MANIFEST);
  const weights = await model.loadSnapshot(model.defaultSnapshotId);
  const test = await loadMnist('test');
  const samples = Array.from({ length: 500 }, (_, i) => imageAsUnitFloats(test.images, i));
  for (const preference of ['ort', 'js'] as const) {
    const backend = await createBackend(weights, model.network.normalization, preference);
    try {
      for (const s of samples.slice(0, 50)) await backend.run(s); // warm-up
      const rounds: number[] = [];
      for (let r = 0; r < 20; r++) {
        const start = performance.now();
        for (const s of samples) await backend.run(s);
        rounds.push(((performance.now() - start) * 1000) / samples.length);
      }
      report(`inference.${preference}.us_per_sample`, median(rounds), 'us', { backend: backend.name, architecture: model.network.architecture.join('-') });
    } finally {
      await backend.dispose();
    }
  }
}
