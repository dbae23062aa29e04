import { describe, expect, it } from 'vitest';
import { forward } from '../../../../app/model/forward.js';
import { SeededRandom } from '../../../../app/random/seeded-random.js';
import { createJsBackend } from '../../../../main/inference/js-backend.js';
import { randomLayers } from '../../../helpers/random-layers.js';

describe('JS backend', () => {
  const layers = randomLayers([10, 6, 4], ['relu', 'linear'], 3);
  const normalization = { mean: 0.5, std: 0.25 };
  const backend = createJsBackend({ layers }, normalization);

  it('is the forward pass, named "js"', async () => {
    const pixels = new SeededRandom(1).floats(10);
    expect(backend.name).toBe('js');
    expect(await backend.run(pixels)).toEqual(forward(layers, pixels, normalization));
  });

  it('logitsBatch lays out n samples back to back', async () => {
    const pixels = new SeededRandom(2).floats(30);
    const logits = await backend.logitsBatch(pixels, 3);
    expect(logits).toHaveLength(12);
    expect(logits.subarray(8, 12)).toEqual(forward(layers, pixels.subarray(20, 30), normalization).logits);
  });

  it('refuses input of the wrong size', async () => {
    await expect(backend.run(new Float32Array(9))).rejects.toThrow(RangeError);
  });
});
