import type { LayerSpecInfo } from '../../app/contract/model-info.js';
import { weightsLayout } from '../../app/contract/snapshot-weights-layout.js';

/**
 * One snapshot's weights from the hub, as per-layer views into one binary
 * body (no copies, no JSON): ready for the GPU.
 */
export async function fetchSnapshotWeights(secret: string, snapshotId: string, layers: readonly LayerSpecInfo[], signal?: AbortSignal): Promise<Float32Array[]> {
  const response = await fetch(`/api/snapshots/${encodeURIComponent(snapshotId)}/weights`, {
    headers: { Authorization: `Bearer ${secret}` },
    cache: 'no-store',
    signal,
  });
  if (!response.ok) throw new Error(`weights of ${snapshotId}: HTTP ${response.status}`);
  const buffer = await response.arrayBuffer();
  const layout = weightsLayout(layers);
  if (buffer.byteLength !== layout.length * 4) throw new Error(`weights of ${snapshotId}: ${buffer.byteLength} bytes, expected ${layout.length * 4}`);
  return layout.layers.map((slice) => new Float32Array(buffer, slice.weightsOffset * 4, slice.weightsLength));
}
