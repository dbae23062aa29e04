import type { ModelInfo } from '../../app/contract/model-info.js';
import type { LoadedModel } from '../../app/model/loaded-model.js';

/** The contract's view of a loaded model: structure and timeline, no weights. */
export function modelInfoOf(model: LoadedModel, id: string): ModelInfo {
  const { architecture, layers, normalization } = model.network;
  return {
    id,
    name: model.name,
    kind: model.kind,
    network: {
      architecture: [...architecture],
      layers: layers.map(({ name, activation, inDim, outDim }) => ({ name, activation, inDim, outDim })),
      normalization: { mean: normalization.mean, std: normalization.std },
    },
    timeline: model.timeline.map((entry) => ({
      id: entry.id,
      order: entry.order,
      label: entry.label,
      kind: entry.kind,
      imagesSeen: entry.imagesSeen,
      datasetPasses: entry.datasetPasses,
      accuracy: entry.metrics.testAccuracy ?? null,
      loss: entry.metrics.avgTrainingLoss ?? null,
    })),
    defaultSnapshotId: model.defaultSnapshotId,
  };
}
