import path from 'node:path';
import { MODEL_LIMITS } from '../../app/model/limits.js';
import type { LoadedModel } from '../../app/model/loaded-model.js';
import { ModelFormatError } from '../../app/model/model-error.js';
import { specOf, type SnapshotWeights, type TimelineEntry } from '../../app/model/types.js';
import { importOnnxModel } from '../../app/onnx/import-onnx-model.js';
import { readLimited } from './read-limited.js';

/**
 * Loads a user's ONNX MLP as a model with a timeline of one snapshot, so the
 * rest of the kiosk treats it like an export.
 */
export async function loadOnnxModel(file: string): Promise<LoadedModel> {
  const bytes = await readLimited(file, MODEL_LIMITS.maxOnnxBytes, file);
  const imported = importOnnxModel(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), file);
  const layers = specOf(imported.layers);
  const id = 'onnx';
  const entry: TimelineEntry = {
    id,
    order: 0,
    label: path.basename(file),
    kind: 'onnx',
    targetImages: 0,
    imagesSeen: 0,
    batchesSeen: 0,
    datasetPasses: 0,
    description: `ONNX model${imported.producer ? ` from ${imported.producer}` : ''}`,
    metrics: {},
    weightsPath: path.basename(file),
  };
  const weights: SnapshotWeights = { layers: imported.layers };
  return {
    kind: 'onnx',
    path: path.resolve(file),
    name: path.basename(file),
    network: {
      architecture: [layers[0]!.inDim, ...layers.map((l) => l.outDim)],
      layers,
      normalization: imported.normalization,
    },
    timeline: [entry],
    defaultSnapshotId: id,
    loadSnapshot: async (wanted) => {
      if (wanted !== id) throw new ModelFormatError(file, '', `an ONNX file has one snapshot ("${id}"), not "${wanted}"`);
      return weights;
    },
  };
}
