import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeFloat16 } from '../../../../app/model/float16.js';
import { ModelFormatError } from '../../../../app/model/model-error.js';
import { buildOnnxModel, encodeModelProto } from '../../../../app/onnx/build-onnx-model.js';
import { importOnnxModel } from '../../../../app/onnx/import-onnx-model.js';
import { NORMALIZATION_METADATA_KEY } from '../../../../app/onnx/onnx-metadata.js';
import { onnx, type OnnxTypes } from '../../../../app/onnx/onnx-proto.js';
import { SeededRandom } from '../../../../app/random/seeded-random.js';
import { randomLayers } from '../../../helpers/random-layers.js';

/**
 * Broken and hostile ONNX files: each must end in one ModelFormatError that
 * names the file and the problem, never in another exception, a hang or a
 * huge allocation.
 */

const FILE = 'bad.onnx';
const TORCH_FILE = path.resolve(import.meta.dirname, '../../../fixtures/onnx/sequential-relu-gemm.onnx');
const layers = randomLayers([6, 4, 3], ['relu', 'linear'], 5);
const { FLOAT, FLOAT16, INT64 } = onnx.TensorProto.DataType;

/** A fresh, valid 6-4-3 model proto to break in one place. */
function model(): OnnxTypes.IModelProto {
  return buildOnnxModel(layers, { mean: 0, std: 1 }).model;
}
function graphOf(m: OnnxTypes.IModelProto): OnnxTypes.IGraphProto {
  if (!m.graph) throw new Error('test model has no graph');
  return m.graph;
}
function nodes(m: OnnxTypes.IModelProto): OnnxTypes.INodeProto[] {
  return graphOf(m).node as OnnxTypes.INodeProto[];
}
function initializer(m: OnnxTypes.IModelProto, name: string): OnnxTypes.ITensorProto {
  const t = graphOf(m).initializer?.find((i) => i.name === name);
  if (!t) throw new Error(`no initializer ${name}`);
  return t;
}
function load(m: OnnxTypes.IModelProto): ReturnType<typeof importOnnxModel> {
  return importOnnxModel(encodeModelProto(m), FILE);
}
function rejects(m: OnnxTypes.IModelProto | Uint8Array, message: string | RegExp): void {
  const attempt = (): unknown => (m instanceof Uint8Array ? importOnnxModel(m, FILE) : load(m));
  expect(attempt).toThrow(ModelFormatError);
  expect(attempt).toThrow(message);
}
/** Import, allowing only success or a ModelFormatError. */
function survives(bytes: Uint8Array): 'ok' | 'rejected' {
  try {
    importOnnxModel(bytes, FILE);
    return 'ok';
  } catch (error) {
    if (!(error instanceof ModelFormatError)) throw error;
    expect(error.message.startsWith(`${FILE}: `)).toBe(true);
    expect(error.message).not.toContain('\n');
    return 'rejected';
  }
}

describe('importOnnxModel: not an ONNX file', () => {
  it('empty file', () => rejects(new Uint8Array(0), 'bad.onnx: the file is empty; not an ONNX model'));

  it('a JSON manifest given as ONNX', () => rejects(new TextEncoder().encode('{"version": 2}'), 'looks like JSON'));

  it('random bytes of many lengths', () => {
    const random = new SeededRandom(42);
    for (let i = 0; i < 300; i++) {
      const bytes = new Uint8Array(1 + random.int(3000)).map(() => random.int(256));
      expect(survives(bytes)).toBe('rejected');
    }
  });

  it('every truncation of a torch-exported file', () => {
    const bytes = readFileSync(TORCH_FILE);
    for (let n = 1; n < bytes.length; n++) expect(survives(bytes.subarray(0, n))).toBe('rejected');
  });

  it('byte flips in a torch-exported file never escape as another error', () => {
    const bytes = readFileSync(TORCH_FILE);
    const random = new SeededRandom(7);
    const outcomes = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const copy = Uint8Array.from(bytes);
      for (let k = 0; k < 1 + random.int(4); k++) copy[random.int(copy.length)] = random.int(256);
      outcomes.add(survives(copy));
    }
    expect(outcomes.has('rejected')).toBe(true);
  });

  it('a protobuf without a graph', () => {
    rejects(encodeModelProto({ irVersion: 8, opsetImport: [{ domain: '', version: 17 }] }), 'bad.onnx: graph: missing');
  });

  it('no default opset', () => {
    const m = model();
    m.opsetImport = [];
    rejects(m, 'bad.onnx: opset_import: names no version');
  });

  it('larger than any sane model', () => {
    rejects(new Uint8Array(81 * 1024 * 1024 + 1), /larger than any MLP/);
  });
});

describe('importOnnxModel: graphs that are not an MLP', () => {
  it('a Conv node, named with its index', () => {
    const m = model();
    const first = nodes(m)[0] as OnnxTypes.INodeProto;
    first.opType = 'Conv';
    first.attribute = [];
    rejects(m, 'bad.onnx: graph.node[0] (Conv): unsupported operator "Conv"; expected Gemm or MatMul+Add with Relu/Tanh/Sigmoid');
  });

  it('control characters and huge names stay one short line', () => {
    const m = model();
    (nodes(m)[0] as OnnxTypes.INodeProto).opType = `Conv\n${'x'.repeat(100_000)}`;
    const attempt = (): unknown => load(m);
    expect(attempt).toThrow('graph.node[0] (Conv\\u000axxx');
    try {
      load(m);
    } catch (error) {
      expect((error as Error).message.length).toBeLessThan(400);
    }
  });

  it('an operator from another domain', () => {
    const m = model();
    const first = nodes(m)[0] as OnnxTypes.INodeProto;
    first.domain = 'com.microsoft';
    first.opType = 'FusedGemm';
    rejects(m, 'unsupported operator "com.microsoft:FusedGemm"');
  });

  it('a branch: the input feeds two nodes', () => {
    const m = model();
    nodes(m).push({ opType: 'Relu', input: ['input'], output: ['side'] });
    rejects(m, /feeds 2 nodes .*only a single chain/);
  });

  it('a node off the path', () => {
    const m = model();
    nodes(m).push({ opType: 'Relu', input: ['dense_0.bias'], output: ['side'] });
    rejects(m, 'graph.node[3] (Relu): is not on the path');
  });

  it('two graph outputs', () => {
    const m = model();
    graphOf(m).output?.push({ name: 'dense_0/Relu_output' });
    rejects(m, 'graph.output: the graph has 2 outputs');
  });

  it('a value defined twice', () => {
    const m = model();
    (nodes(m)[1] as OnnxTypes.INodeProto).output = ['dense_0/Gemm_output'];
    rejects(m, /defines "dense_0\/Gemm_output" a second time/);
  });

  it('Gemm with alpha != 1', () => {
    const m = model();
    nodes(m)[0]?.attribute?.push({ name: 'alpha', type: onnx.AttributeProto.AttributeType.FLOAT, f: 2 });
    rejects(m, 'graph.node[0] (Gemm): alpha=2, beta=1');
  });

  it('MatMul with the weights on the left', () => {
    const m = model();
    const first = nodes(m)[0] as OnnxTypes.INodeProto;
    first.opType = 'MatMul';
    first.input = ['dense_0.weight', 'input'];
    first.attribute = [];
    rejects(m, /graph.node\[0\] \(MatMul\): the weights are the left operand/);
  });

  it('a Softmax in the middle', () => {
    const m = model();
    (nodes(m)[1] as OnnxTypes.INodeProto).opType = 'Softmax';
    rejects(m, 'graph.node[2] (Gemm): comes after the final Softmax');
  });

  it('a Reshape that mixes samples', () => {
    const m = model();
    graphOf(m).initializer?.push({ name: 'shape', dims: [2], dataType: INT64, int64Data: [-1, 3] });
    (nodes(m)[0] as OnnxTypes.INodeProto).input = ['flat', 'dense_0.weight', 'dense_0.bias'];
    nodes(m).unshift({ opType: 'Reshape', input: ['input', 'shape'], output: ['flat'] });
    rejects(m, 'graph.node[0] (Reshape): reshapes an input of shape [?, 6] to [-1,3], which mixes samples');
  });
});

describe('importOnnxModel: broken weights and shapes', () => {
  it('a NaN weight', () => {
    const m = model();
    new DataView(initializer(m, 'dense_1.weight').rawData!.buffer).setFloat32(8, NaN, true);
    rejects(m, 'bad.onnx: graph.initializer[2] ("dense_1.weight"): holds NaN at index 2; weights must be finite numbers');
  });

  it('an infinite bias in float_data', () => {
    const m = model();
    const bias = initializer(m, 'dense_0.bias');
    bias.rawData = new Uint8Array(0);
    bias.floatData = [0, Infinity, 0, 0];
    rejects(m, 'graph.initializer[1] ("dense_0.bias"): holds Infinity at index 1');
  });

  it('layer shapes that do not chain', () => {
    const m = model();
    const w = initializer(m, 'dense_1.weight');
    w.dims = [3, 5];
    w.rawData = new Uint8Array(15 * 4);
    rejects(m, 'graph.node[2] (Gemm): takes 5 inputs but the layer before gives 4; the layer shapes do not chain');
  });

  it('a first layer that does not fit the declared input', () => {
    const m = model();
    const dim = graphOf(m).input?.[0]?.type?.tensorType?.shape?.dim?.[1];
    if (dim) dim.dimValue = 7;
    rejects(m, 'graph.node[0] (Gemm): takes 6 inputs but the graph input gives [?, 7]');
  });

  it('raw_data shorter than the shape', () => {
    const m = model();
    const w = initializer(m, 'dense_0.weight');
    w.rawData = w.rawData!.subarray(0, 20);
    rejects(m, 'graph.initializer[0] ("dense_0.weight").raw_data: has 20 bytes; shape needs 24 values of 4 bytes (96)');
  });

  it('huge declared weight dims are refused before any allocation', () => {
    const m = model();
    initializer(m, 'dense_0.weight').dims = [100_000, 100_000];
    rejects(m, /shape \[100000,100000\] holds 10000000000 values; more than the 20000000/);
  });

  it('a huge declared input dimension', () => {
    const m = model();
    const dim = graphOf(m).input?.[0]?.type?.tensorType?.shape?.dim?.[1];
    if (dim) dim.dimValue = 1e15;
    rejects(m, 'graph.input "input": declares dimension 1000000000000000');
  });

  it('more than 32 layers', () => {
    const deep = randomLayers(new Array(35).fill(3), new Array(34).fill('relu'), 3);
    rejects(buildOnnxModel(deep, { mean: 0, std: 1 }).model, 'graph.node[64] (Gemm): more than 32 layers');
  });

  it('a missing initializer', () => {
    const m = model();
    graphOf(m).initializer = graphOf(m).initializer?.filter((t) => t.name !== 'dense_1.weight');
    rejects(m, 'graph.node[2] (Gemm): weight matrix "dense_1.weight" is missing');
  });

  it('weights fed as a runtime input', () => {
    const m = model();
    graphOf(m).initializer = graphOf(m).initializer?.filter((t) => t.name !== 'dense_0.weight');
    graphOf(m).input?.push({ name: 'dense_0.weight' });
    rejects(m, 'graph.node[0] (Gemm): weight matrix "dense_0.weight" is a runtime graph input, not stored in the file');
  });

  it('integer weights', () => {
    const m = model();
    const w = initializer(m, 'dense_0.weight');
    w.dataType = INT64;
    w.rawData = new Uint8Array(24 * 8);
    rejects(m, 'INT64 weights are not supported');
  });

  it('weights in an external data file', () => {
    const m = model();
    const w = initializer(m, 'dense_0.weight');
    w.dataLocation = onnx.TensorProto.DataLocation.EXTERNAL;
    w.externalData = [{ key: 'location', value: 'weights.bin' }];
    rejects(m, /stored in an external data file/);
  });

  it('normalization metadata that is not JSON', () => {
    const m = model();
    m.metadataProps = [{ key: NORMALIZATION_METADATA_KEY, value: 'mean=0' }];
    rejects(m, `bad.onnx: metadata_props["${NORMALIZATION_METADATA_KEY}"]: is not JSON`);
  });

  it('normalization with std 0', () => {
    const m = model();
    m.metadataProps = [{ key: NORMALIZATION_METADATA_KEY, value: '{"mean":0,"std":0}' }];
    rejects(m, /\.std: must be a finite number above 0/);
  });
});

describe('importOnnxModel: other valid storage', () => {
  it('float16 weights, as raw_data and as int32_data', () => {
    const m = model();
    const w0 = initializer(m, 'dense_0.weight');
    w0.dataType = FLOAT16;
    w0.rawData = encodeFloat16(layers[0]!.weights);
    const b0 = initializer(m, 'dense_0.bias');
    const halves = encodeFloat16(layers[0]!.biases);
    b0.dataType = FLOAT16;
    b0.rawData = new Uint8Array(0);
    b0.int32Data = Array.from({ length: halves.length / 2 }, (_, i) => halves[2 * i]! | (halves[2 * i + 1]! << 8));
    const imported = load(m);
    imported.layers[0]!.weights.forEach((v, i) => expect(v).toBeCloseTo(layers[0]!.weights[i]!, 3));
    imported.layers[0]!.biases.forEach((v, i) => expect(v).toBeCloseTo(layers[0]!.biases[i]!, 3));
    expect(imported.layers[1]!.weights).toEqual(layers[1]!.weights);
  });

  it('float32 weights in float_data', () => {
    const m = model();
    const w = initializer(m, 'dense_1.weight');
    w.dataType = FLOAT;
    w.rawData = new Uint8Array(0);
    w.floatData = [...layers[1]!.weights];
    expect(load(m).layers[1]!.weights).toEqual(layers[1]!.weights);
  });

  it('no metadata: MNIST normalization', () => {
    const m = model();
    m.metadataProps = [];
    expect(load(m)).toMatchObject({ normalization: { mean: 0.1307, std: 0.3081 }, normalizationSource: 'default' });
  });
});
