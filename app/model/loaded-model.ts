import type { NetworkSpec, SnapshotWeights, TimelineEntry } from './types.js';

/**
 * A validated model, whatever file it came from. An export has a timeline of
 * snapshots whose weights load on demand; an ONNX file has a timeline of one.
 */
export interface LoadedModel {
  readonly kind: 'export' | 'onnx';
  /** Absolute path of the manifest or ONNX file. */
  readonly path: string;
  /** Short name shown to operators, e.g. the manifest's file name. */
  readonly name: string;
  readonly network: NetworkSpec;
  readonly timeline: readonly TimelineEntry[];
  /** The snapshot shown by default: the last one on the timeline. */
  readonly defaultSnapshotId: string;
  /** Reads and validates one snapshot; rejects with a ModelFormatError. */
  loadSnapshot(id: string): Promise<SnapshotWeights>;
}
