import type { ForwardResult, SnapshotWeights, Normalization } from '../../app/model/types.js';

/** A forward-pass engine holding one snapshot's weights. */
export interface InferenceBackend {
  /** What runs the numbers, reported to operators and in benchmarks, e.g. "onnxruntime-node (cpu)" or "js". */
  readonly name: string;
  /** Set when this backend stands in for a preferred one that failed: why (for the log and the health page). */
  readonly fallbackReason?: string;
  /** Better execution providers that were skipped, and why, e.g. "cuda: provider library not installed ...". */
  readonly providerNotes?: readonly string[];
  /** One sample of [0, 1] pixels: every layer's activations and the probabilities. */
  run(pixels: Float32Array): Promise<ForwardResult>;
  /** n samples of [0, 1] pixels back to back: the logits, n * outputDim values. */
  logitsBatch(pixels: Float32Array, n: number): Promise<Float32Array>;
  dispose(): Promise<void>;
}

export type BackendPreference = 'auto' | 'ort' | 'js';

export type CreateBackend = (
  weights: SnapshotWeights,
  normalization: Normalization,
  preference?: BackendPreference,
) => Promise<InferenceBackend>;

/**
 * Everything an operator needs to see why an exhibit with a GPU runs
 * "(cpu)" or "js": the fallback reason first, then each skipped provider.
 */
export function backendNotesOf(backend: Pick<InferenceBackend, 'fallbackReason' | 'providerNotes'>): string[] {
  return [...(backend.fallbackReason ? [backend.fallbackReason] : []), ...(backend.providerNotes ?? [])];
}
