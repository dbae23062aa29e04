import type { Normalization, SnapshotWeights } from '../../app/model/types.js';
import type { CreateBackend, InferenceBackend } from './backend.js';
import { createJsBackend } from './js-backend.js';

/**
 * Picks the inference backend: onnxruntime-node when it loads ("auto" and
 * "ort"), else the JS forward pass with `fallbackReason` saying why, so the
 * hub can log it and the operator's health page can show it. "ort" does not
 * fall back: benchmarks and tests that ask for it must get it or fail.
 */
export type CreateOrt = (weights: SnapshotWeights, normalization: Normalization) => Promise<InferenceBackend>;

// Imported lazily: if onnxruntime-node's native binding cannot load on this
// machine, the import itself throws, and that must become a fallback, not a crash.
const loadOrt: CreateOrt = async (weights, normalization) =>
  (await import('./ort-backend.js')).createOrtBackend(weights, normalization);

export function createBackendWith(createOrt: CreateOrt): CreateBackend {
  return async (weights, normalization, preference = 'auto') => {
    if (preference === 'js') return createJsBackend(weights, normalization);
    try {
      return await createOrt(weights, normalization);
    } catch (error) {
      if (preference === 'ort') throw error;
      const reason = error instanceof Error ? error.message : String(error);
      return { ...createJsBackend(weights, normalization), fallbackReason: `onnxruntime-node unavailable: ${reason}` };
    }
  };
}

export const createBackend: CreateBackend = createBackendWith(loadOrt);
