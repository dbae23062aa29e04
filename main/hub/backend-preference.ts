import type { BackendPreference } from '../inference/backend.js';

export type { BackendPreference };

/** The values --backend accepts: the fastest available, onnxruntime-node, or the JS forward pass. */
export const BACKEND_PREFERENCES = ['auto', 'ort', 'js'] as const satisfies readonly BackendPreference[];
