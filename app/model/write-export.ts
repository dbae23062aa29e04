import { encodeBase64 } from './base64.js';
import { encodeFloat16 } from './float16.js';
import { pyFloat, pythonJson } from './python-json.js';
import type { NetworkSpec, SnapshotWeights, TimelineEntry } from './types.js';

export interface ExportSnapshot {
  /** Timeline metadata; `order` and `weightsPath` are assigned by the writer. */
  readonly entry: Omit<TimelineEntry, 'order' | 'weightsPath'>;
  readonly weights: SnapshotWeights;
}

export interface ExportInput {
  readonly network: NetworkSpec;
  readonly snapshots: readonly ExportSnapshot[];
  /** Manifest file name, e.g. "mlp_weights.json"; snapshots go to the folder named after its stem. */
  readonly manifestName: string;
  /** Extra top-level manifest keys (readers ignore them), e.g. the training run's config. */
  readonly extra?: Readonly<Record<string, unknown>>;
}

export interface ExportFiles {
  /** Text of the manifest file. */
  readonly manifest: string;
  /** Snapshot files, paths relative to the manifest's folder. */
  readonly files: ReadonlyArray<{ readonly path: string; readonly text: string }>;
}

/**
 * Builds an export byte for byte as the anchor's PyTorch trainer writes one:
 * the manifest with `json.dumps(indent=2)`, each snapshot compact, file names
 * `NNN_<slug>.json` in a folder named after the manifest.
 */
export function buildExport(input: ExportInput): ExportFiles {
  const folder = input.manifestName.replace(/\.[^.]*$/, '');
  const files = input.snapshots.map(({ entry, weights }, order) => ({
    path: `${folder}/${String(order).padStart(3, '0')}_${slugify(entry.id)}.json`,
    text: snapshotText(weights),
  }));
  const timeline = input.snapshots.map(({ entry }, order) => timelineJson(entry, order, files[order]!.path));
  const manifest = pythonJson(
    {
      version: 2,
      dtype: 'float16',
      weights: { storage: 'per_snapshot_files', format: 'layer_array_v1', precision: 'float16' },
      network: networkJson(input.network),
      timeline,
      ...input.extra,
    },
    { indent: 2 },
  );
  return { manifest, files };
}

/** The trainer's slug: lower case, runs of other characters become "-". */
export function slugify(id: string): string {
  return id.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'snapshot';
}

function networkJson(network: NetworkSpec): Record<string, unknown> {
  return {
    architecture: network.architecture,
    layers: network.layers.map((layer, i) => ({
      layer_index: i,
      type: 'dense',
      name: layer.name,
      activation: layer.activation,
      weight_shape: [layer.outDim, layer.inDim],
      bias_shape: [layer.outDim],
    })),
    input_dim: network.architecture[0],
    output_dim: network.architecture[network.architecture.length - 1],
    normalization: { mean: pyFloat(network.normalization.mean), std: pyFloat(network.normalization.std) },
  };
}

function timelineJson(entry: ExportSnapshot['entry'], order: number, path: string): Record<string, unknown> {
  const { metrics } = entry;
  return {
    id: entry.id,
    order,
    label: entry.label,
    kind: entry.kind,
    target_images: entry.targetImages,
    images_seen: entry.imagesSeen,
    batches_seen: entry.batchesSeen,
    dataset_passes: pyFloat(entry.datasetPasses),
    description: entry.description,
    metrics: {
      test_accuracy: metrics.testAccuracy === undefined ? undefined : pyFloat(metrics.testAccuracy),
      avg_training_loss: metrics.avgTrainingLoss === undefined ? undefined : pyFloat(metrics.avgTrainingLoss),
      ...metrics.extra,
    },
    weights: { path, dtype: 'float16', format: 'layer_array_v1' },
    dataset_multiple: entry.datasetMultiple === undefined ? undefined : pyFloat(entry.datasetMultiple),
    ...entry.extra,
  };
}

function snapshotText(weights: SnapshotWeights): string {
  return pythonJson({
    version: 1,
    dtype: 'float16',
    layers: weights.layers.map((layer, i) => ({
      layer_index: i,
      name: layer.name,
      activation: layer.activation,
      weights: { shape: [layer.outDim, layer.inDim], data: encodeBase64(encodeFloat16(layer.weights)) },
      biases: { shape: [layer.outDim], data: encodeBase64(encodeFloat16(layer.biases)) },
    })),
  });
}
