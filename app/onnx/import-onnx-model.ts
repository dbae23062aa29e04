import { onnxError } from './onnx-error.js';
import type { DenseLayer, Normalization } from '../model/types.js';
import { decodeOnnxModel } from './decode-onnx-model.js';
import { indexGraph } from './onnx-graph-index.js';
import { readLayerChain } from './onnx-layer-chain.js';
import { MNIST_NORMALIZATION, readNormalizationMetadata } from './onnx-metadata.js';
import { int64ToNumber, type Int64 } from './onnx-proto.js';

/** An MLP read from an ONNX file: the same layers an export's snapshot holds. */
export interface ImportedOnnxModel {
  readonly layers: DenseLayer[];
  readonly normalization: Normalization;
  /** "metadata" when the file carries ours (written by `kiosk model export-onnx`), else the MNIST default. */
  readonly normalizationSource: 'metadata' | 'default';
  /** e.g. "pytorch 1.13.0": shown to operators. */
  readonly producer: string;
  readonly opsetVersion: number;
  /** A final Softmax / LogSoftmax the file had; dropped because the kiosk applies softmax itself. */
  readonly droppedOutputOp?: 'Softmax' | 'LogSoftmax';
}

/**
 * Reads an MLP out of an ONNX file as torch.onnx.export writes it (Gemm, or
 * MatMul + Add, with Relu / Tanh / Sigmoid between) or as
 * `kiosk model export-onnx` writes it. Anything else throws a
 * ModelFormatError whose one-line message names `file`, the node or field and
 * the problem, e.g. `model.onnx: graph.node[0] (Conv): unsupported operator "Conv"; ...`.
 */
export function importOnnxModel(bytes: Uint8Array, file: string): ImportedOnnxModel {
  const model = decodeOnnxModel(bytes, file);
  const defaultDomain = model.opsetImport.find((o) => !o.domain || o.domain === 'ai.onnx');
  const opsetVersion = int64ToNumber(defaultDomain?.version as Int64 | undefined);
  // Every ONNX file names the operator set its nodes follow; without it (as
  // in a file cut off after its graph) the nodes' meaning is unknown.
  if (!(opsetVersion >= 1)) throw onnxError(file, 'opset_import', 'names no version of the default ONNX operator set; not a valid ONNX model');
  const graph = indexGraph(model.graph ?? {}, file);
  const { layers, droppedOutputOp } = readLayerChain(graph, opsetVersion);
  const fromMetadata = readNormalizationMetadata(model.metadataProps, file);
  const producer = [model.producerName, model.producerVersion].filter(Boolean).join(' ');
  return {
    layers,
    normalization: fromMetadata ?? MNIST_NORMALIZATION,
    normalizationSource: fromMetadata ? 'metadata' : 'default',
    producer,
    opsetVersion,
    ...(droppedOutputOp ? { droppedOutputOp } : {}),
  };
}
