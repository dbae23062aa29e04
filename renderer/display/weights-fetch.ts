import type { LayerSpecInfo } from '../../app/contract/model-info.js';
import { weightsLayout } from '../../app/contract/snapshot-weights-layout.js';

/** One snapshot's numbers per layer, as views into one binary body. */
export interface SnapshotParameters {
  /** Row-major [out][in] per layer: what the GPU gets. */
  readonly weights: Float32Array[];
  /** outDim per layer: the neuron inspector's "+ b". */
  readonly biases: Float32Array[];
}

/**
 * One snapshot's weights and biases from the hub, as per-layer views into
 * one binary body (no copies, no JSON): the weights ready for the GPU, and
 * kept on the CPU for the neuron inspector.
 */
export async function fetchSnapshotParameters(secret: string, snapshotId: string, layers: readonly LayerSpecInfo[], signal?: AbortSignal): Promise<SnapshotParameters> {
  const response = await fetch(`/api/snapshots/${encodeURIComponent(snapshotId)}/weights`, {
    headers: { Authorization: `Bearer ${secret}` },
    cache: 'no-store',
    signal,
  });
  if (!response.ok) throw new Error(`weights of ${snapshotId}: HTTP ${response.status}`);
  const buffer = await response.arrayBuffer();
  const layout = weightsLayout(layers);
  if (buffer.byteLength !== layout.length * 4) throw new Error(`weights of ${snapshotId}: ${buffer.byteLength} bytes, expected ${layout.length * 4}`);
  return {
    weights: layout.layers.map((slice) => new Float32Array(buffer, slice.weightsOffset * 4, slice.weightsLength)),
    biases: layout.layers.map((slice) => new Float32Array(buffer, slice.biasesOffset * 4, slice.biasesLength)),
  };
}

/** The weights alone (per layer, row-major [out][in]). */
export async function fetchSnapshotWeights(secret: string, snapshotId: string, layers: readonly LayerSpecInfo[], signal?: AbortSignal): Promise<Float32Array[]> {
  return (await fetchSnapshotParameters(secret, snapshotId, layers, signal)).weights;
}
