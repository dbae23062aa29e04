import { afterAll, describe, expect, it } from 'vitest';
import type { Normalization } from '../../../../app/model/types.js';
import { SeededRandom } from '../../../../app/random/seeded-random.js';
import type { InferenceBackend } from '../../../../main/inference/backend.js';
import { createJsBackend } from '../../../../main/inference/js-backend.js';
import { preferredProviders } from '../../../../main/inference/execution-providers.js';
import { createOrtBackend } from '../../../../main/inference/ort-backend.js';
import { ARCHITECTURES, randomLayers } from '../../../helpers/random-layers.js';

/**
 * The oracle test: onnxruntime-node running the graph we build and the plain
 * TypeScript forward pass agree on seeded inputs, for every layer's
 * activations, the logits and the probabilities.
 */

const TOLERANCE = 1e-4;
const normalization: Normalization = { mean: 0.1307, std: 0.3081 };
const open: InferenceBackend[] = [];

afterAll(async () => {
  await Promise.all(open.map((b) => b.dispose()));
});

function expectClose(actual: Float32Array, expected: Float32Array): void {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < actual.length; i++) worst = Math.max(worst, Math.abs((actual[i] as number) - (expected[i] as number)));
  expect(worst).toBeLessThan(TOLERANCE);
}

describe('onnxruntime-node backend vs the JS forward pass', () => {
  it.each(ARCHITECTURES)('$name: activations, logits and probabilities within 1e-4', async ({ sizes, activations }) => {
    const weights = { layers: randomLayers(sizes, activations, 11) };
    const ort = await createOrtBackend(weights, normalization, { providers: ['cpu'] });
    const js = createJsBackend(weights, normalization);
    open.push(ort);
    const random = new SeededRandom(sizes.length * 1000 + (sizes[0] as number));
    for (let s = 0; s < 5; s++) {
      const pixels = random.floats(sizes[0] as number);
      const [a, b] = await Promise.all([ort.run(pixels), js.run(pixels)]);
      expect(a.activations).toHaveLength(activations.length);
      a.activations.forEach((values, i) => expectClose(values, b.activations[i] as Float32Array));
      expectClose(a.logits, b.logits);
      expectClose(a.probabilities, b.probabilities);
    }
  });

  it.each(ARCHITECTURES)('$name: logitsBatch matches, across batch chunks', async ({ sizes, activations }) => {
    const weights = { layers: randomLayers(sizes, activations, 12) };
    // A small batchSize makes 37 samples span several session runs, the last one partial.
    const ort = await createOrtBackend(weights, normalization, { providers: ['cpu'], batchSize: 16 });
    const js = createJsBackend(weights, normalization);
    open.push(ort);
    const n = 37;
    const pixels = new SeededRandom(5).floats(n * (sizes[0] as number));
    expectClose(await ort.logitsBatch(pixels, n), await js.logitsBatch(pixels, n));
  });

  it('reports the execution provider it runs on', async () => {
    const ort = await createOrtBackend({ layers: randomLayers([4, 2], ['linear'], 1) }, normalization);
    open.push(ort);
    expect(ort.name).toBe(`onnxruntime-node (${ort.provider})`);
    // Every provider preferred over the one in use has exactly one note saying
    // why it was skipped, in order, and none has a note when the first one
    // worked. On the CI machine (Linux, no GPU provider library) that is
    // exactly one note, "cuda: ...".
    const preferred = preferredProviders(process.platform);
    const skipped = preferred.slice(0, preferred.indexOf(ort.provider));
    expect(preferred).toContain(ort.provider);
    expect(ort.providerNotes.map((note) => note.split(':', 1)[0])).toEqual(skipped);
  });

  it('gives each of several overlapping single-sample runs its own answer', async () => {
    // run() reuses one input buffer while runs follow each other (the hub's
    // case); runs that overlap must not overwrite each other's input.
    const weights = { layers: randomLayers([16, 8, 4], ['relu', 'linear'], 3) };
    const ort = await createOrtBackend(weights, normalization, { providers: ['cpu'] });
    const js = createJsBackend(weights, normalization);
    open.push(ort);
    const random = new SeededRandom(99);
    const inputs = Array.from({ length: 4 }, () => random.floats(16));
    const overlapping = await Promise.all(inputs.map((pixels) => ort.run(pixels)));
    for (const [i, pixels] of inputs.entries()) {
      const expected = await js.run(pixels);
      expectClose(overlapping[i]!.logits, expected.logits);
      // And one after another, on the reused buffer.
      expectClose((await ort.run(pixels)).logits, expected.logits);
    }
  });

  it('refuses input of the wrong size', async () => {
    const ort = await createOrtBackend({ layers: randomLayers([4, 2], ['linear'], 1) }, normalization, { providers: ['cpu'] });
    open.push(ort);
    await expect(ort.run(new Float32Array(5))).rejects.toThrow(RangeError);
    await expect(ort.logitsBatch(new Float32Array(9), 2)).rejects.toThrow('expected 2 samples of 4 values');
  });

  it('returns arrays the caller may keep and modify', async () => {
    const ort = await createOrtBackend({ layers: randomLayers([4, 3], ['linear'], 2) }, normalization, { providers: ['cpu'] });
    open.push(ort);
    const result = await ort.run(new Float32Array(4).fill(0.5));
    expect(result.activations[0]).not.toBe(result.logits);
  });
});
