import type { LoadedModel } from '../../app/model/loaded-model.js';
import { loadExport, type LoadExportOptions } from './load-export.js';

/**
 * Loads a model file: an export manifest (.json) or an ONNX file (.onnx).
 * Rejects with a ModelFormatError naming the file and the field; the caller
 * keeps using its current model until this resolves.
 */
export async function loadModel(file: string, options: LoadExportOptions = {}): Promise<LoadedModel> {
  if (file.toLowerCase().endsWith('.onnx')) {
    const { loadOnnxModel } = await import('./load-onnx-model.js');
    return loadOnnxModel(file);
  }
  return loadExport(file, options);
}
