import { describe, expect, it } from 'vitest';
import { createBackend, createBackendWith } from '../../../../main/inference/create-backend.js';
import { randomLayers } from '../../../helpers/random-layers.js';

const weights = { layers: randomLayers([8, 4, 3], ['tanh', 'linear'], 9) };
const normalization = { mean: 0, std: 1 };
const brokenOrt = createBackendWith(async () => {
  throw new Error('native binding failed to load');
});

describe('createBackend', () => {
  it('auto: onnxruntime-node when it loads', async () => {
    const backend = await createBackend(weights, normalization);
    expect(backend.name).toMatch(/^onnxruntime-node \((cpu|cuda|dml|coreml)\)$/);
    expect(backend.fallbackReason).toBeUndefined();
    await backend.dispose();
  });

  it('js: the forward pass, on request', async () => {
    const backend = await createBackend(weights, normalization, 'js');
    expect(backend.name).toBe('js');
    expect(backend.fallbackReason).toBeUndefined();
  });

  it('auto: falls back to js and keeps the reason when onnxruntime fails', async () => {
    const backend = await brokenOrt(weights, normalization, 'auto');
    expect(backend.name).toBe('js');
    expect(backend.fallbackReason).toBe('onnxruntime-node unavailable: native binding failed to load');
    const result = await backend.run(new Float32Array(8));
    expect(result.probabilities).toHaveLength(3);
  });

  it('ort: no fallback, the failure is the answer', async () => {
    await expect(brokenOrt(weights, normalization, 'ort')).rejects.toThrow('native binding failed to load');
  });
});
