import type { Activation, DenseLayer, Normalization } from '../model/types.js';
import { normalizationMetadata, ONNX_PRODUCER_NAME } from './onnx-metadata.js';
import { onnx, type OnnxTypes } from './onnx-proto.js';

/**
 * Builds the ONNX graph of a stack of dense layers, the way torch.onnx.export
 * writes an nn.Sequential of Linear layers: one Gemm (transB=1, weights
 * [out, in] as initializers) per layer, then its activation. The input is
 * already normalized ([N, inDim], dynamic batch); the normalization itself is
 * kept in metadata_props so that our importer can restore it.
 */

/** ONNX opset 17 (ONNX 1.12, 2022): run by every onnxruntime since 1.12 and by PyTorch >= 1.13. */
export const ONNX_OPSET = 17;
/** IR version 8 is the newest that opset 17 needs and onnx-proto can encode. */
export const ONNX_IR_VERSION = 8;
export const INPUT_NAME = 'input';
export const LOGITS_NAME = 'logits';
export const PROBABILITIES_NAME = 'probabilities';

export interface BuildOnnxOptions {
  /**
   * Expose every layer's output after its activation, the pre-activation
   * logits and a Softmax "probabilities" output as graph outputs: what the
   * kiosk's inference backend reads to light up the display. Off for files
   * written for users (`kiosk model export-onnx`), which have one output.
   */
  readonly inferenceOutputs?: boolean;
  readonly producerVersion?: string;
  readonly docString?: string;
}

/** Which graph output holds what. */
export interface OnnxOutputNames {
  /** Each layer's output after its activation (a name may equal `logits` for a linear last layer). */
  readonly activations: readonly string[];
  /** The last layer's output before its activation. */
  readonly logits: string;
  /** Softmax of the logits; only with `inferenceOutputs`. */
  readonly probabilities?: string;
  /** The graph's outputs in order. */
  readonly outputs: readonly string[];
}

export interface BuiltOnnxModel {
  readonly model: OnnxTypes.IModelProto;
  readonly names: OnnxOutputNames;
}

const ACTIVATION_OPS: Record<Activation, string | undefined> = {
  relu: 'Relu',
  tanh: 'Tanh',
  sigmoid: 'Sigmoid',
  linear: undefined,
};

export function buildOnnxModel(
  layers: readonly DenseLayer[],
  normalization: Normalization,
  options: BuildOnnxOptions = {},
): BuiltOnnxModel {
  const first = layers[0];
  const last = layers[layers.length - 1];
  if (!first || !last) throw new RangeError('buildOnnxModel: a model needs at least one layer');

  const nodes: OnnxTypes.INodeProto[] = [];
  const initializer: OnnxTypes.ITensorProto[] = [];
  const activations: string[] = [];
  let current = INPUT_NAME;
  layers.forEach((layer, i) => {
    const prefix = `dense_${i}`;
    const isLast = i === layers.length - 1;
    initializer.push(floatTensor(`${prefix}.weight`, [layer.outDim, layer.inDim], layer.weights));
    initializer.push(floatTensor(`${prefix}.bias`, [layer.outDim], layer.biases));
    const linear = isLast ? LOGITS_NAME : `${prefix}/Gemm_output`;
    nodes.push({
      opType: 'Gemm',
      name: `${prefix}/Gemm`,
      input: [current, `${prefix}.weight`, `${prefix}.bias`],
      output: [linear],
      attribute: [{ name: 'transB', type: onnx.AttributeProto.AttributeType.INT, i: 1 }],
    });
    current = linear;
    const op = ACTIVATION_OPS[layer.activation];
    if (op) {
      current = isLast ? 'output' : `${prefix}/${op}_output`;
      nodes.push({ opType: op, name: `${prefix}/${op}`, input: [linear], output: [current] });
    }
    activations.push(current);
  });

  let outputs = [{ name: current, dim: last.outDim }];
  let probabilities: string | undefined;
  if (options.inferenceOutputs) {
    probabilities = PROBABILITIES_NAME;
    nodes.push({ opType: 'Softmax', name: 'Softmax', input: [LOGITS_NAME], output: [probabilities] });
    outputs = [
      ...activations.map((name, i) => ({ name, dim: layers[i]?.outDim ?? 0 })),
      { name: LOGITS_NAME, dim: last.outDim },
      { name: probabilities, dim: last.outDim },
    ];
    // A linear last layer's activation is the logits itself: list it once.
    outputs = outputs.filter((o, i) => outputs.findIndex((p) => p.name === o.name) === i);
  }

  const model: OnnxTypes.IModelProto = {
    irVersion: ONNX_IR_VERSION,
    opsetImport: [{ domain: '', version: ONNX_OPSET }],
    producerName: ONNX_PRODUCER_NAME,
    producerVersion: options.producerVersion ?? '',
    docString: options.docString ?? '',
    metadataProps: [normalizationMetadata(normalization)],
    graph: {
      name: 'mlp',
      node: nodes,
      initializer,
      input: [valueInfo(INPUT_NAME, first.inDim)],
      output: outputs.map(({ name, dim }) => valueInfo(name, dim)),
    },
  };
  return { model, names: { activations, logits: LOGITS_NAME, probabilities, outputs: outputs.map((o) => o.name) } };
}

/** The .onnx file's bytes: what `kiosk model export-onnx` writes. */
export function encodeOnnxModel(
  layers: readonly DenseLayer[],
  normalization: Normalization,
  options: BuildOnnxOptions = {},
): Uint8Array {
  return encodeModelProto(buildOnnxModel(layers, normalization, options).model);
}

export function encodeModelProto(model: OnnxTypes.IModelProto): Uint8Array {
  return onnx.ModelProto.encode(model).finish();
}

/** A float32 initializer; raw_data is little-endian whatever the host's byte order. */
function floatTensor(name: string, dims: number[], values: Float32Array): OnnxTypes.ITensorProto {
  const raw = new Uint8Array(values.length * 4);
  const view = new DataView(raw.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i] as number, true);
  return { name, dims, dataType: onnx.TensorProto.DataType.FLOAT, rawData: raw };
}

/** A float32 [batch, width] value; "batch" is symbolic so any batch size runs. */
function valueInfo(name: string, width: number): OnnxTypes.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: onnx.TensorProto.DataType.FLOAT,
        shape: { dim: [{ dimParam: 'batch' }, { dimValue: width }] },
      },
    },
  };
}
