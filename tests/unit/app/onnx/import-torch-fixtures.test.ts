import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { forward } from '../../../../app/model/forward.js';
import { ModelFormatError } from '../../../../app/model/model-error.js';
import { importOnnxModel } from '../../../../app/onnx/import-onnx-model.js';

/**
 * Oracle test against real torch.onnx.export output (PyTorch 1.13): the
 * files in tests/fixtures/onnx were written by make-onnx-fixtures.py, together
 * with inputs and the outputs PyTorch computed for them.
 */

const DIR = path.resolve(import.meta.dirname, '../../../fixtures/onnx');
const TOLERANCE = 1e-4;

interface Fixture {
  name: string;
  input_shape: number[];
  output_kind: 'logits' | 'probabilities' | 'log_probabilities';
  inputs: number[][];
  outputs: number[][];
}

function load(name: string): { bytes: Uint8Array; fixture: Fixture } {
  return {
    bytes: readFileSync(path.join(DIR, `${name}.onnx`)),
    fixture: JSON.parse(readFileSync(path.join(DIR, `${name}.json`), 'utf8')) as Fixture,
  };
}

const SUPPORTED = [
  { name: 'sequential-relu-gemm', architecture: [12, 8, 5, 3] },
  { name: 'matmul-add', architecture: [9, 6, 4] },
  { name: 'tanh-sigmoid', architecture: [10, 7, 6, 4] },
  { name: 'flatten-mnist', architecture: [784, 16, 10] },
  { name: 'view-mnist', architecture: [784, 8, 10] },
  { name: 'view-batch-flatten', architecture: [36, 5, 3] },
  { name: 'softmax-tail', architecture: [6, 5, 4] },
  { name: 'log-softmax-tail', architecture: [6, 5, 3] },
  { name: 'no-bias', architecture: [5, 4, 3] },
  { name: 'initializers-as-inputs', architecture: [7, 5, 2] },
  { name: 'float64', architecture: [6, 4, 3] },
];

describe('importOnnxModel on torch.onnx.export files', () => {
  it.each(SUPPORTED)('$name: imports and matches PyTorch within 1e-4', ({ name, architecture }) => {
    const { bytes, fixture } = load(name);
    const model = importOnnxModel(bytes, `${name}.onnx`);
    expect([model.layers[0]?.inDim, ...model.layers.map((l) => l.outDim)]).toEqual(architecture);
    expect(model.producer).toMatch(/^pytorch /);
    // torch's graph takes the input as is; no metadata means the MNIST default.
    expect(model.normalizationSource).toBe('default');
    expect(model.normalization).toEqual({ mean: 0.1307, std: 0.3081 });
    expect(fixture.inputs.length).toBeGreaterThan(0);
    fixture.inputs.forEach((input, s) => {
      const result = forward(model.layers, Float32Array.from(input), { mean: 0, std: 1 });
      const ours =
        fixture.output_kind === 'logits'
          ? [...result.logits]
          : fixture.output_kind === 'probabilities'
            ? [...result.probabilities]
            : [...result.probabilities].map(Math.log);
      const theirs = fixture.outputs[s] as number[];
      expect(ours).toHaveLength(theirs.length);
      ours.forEach((v, i) => expect(Math.abs(v - (theirs[i] as number))).toBeLessThan(TOLERANCE));
    });
  });

  it('drops a final Softmax / LogSoftmax and says so', () => {
    expect(importOnnxModel(load('softmax-tail').bytes, 'm.onnx').droppedOutputOp).toBe('Softmax');
    expect(importOnnxModel(load('log-softmax-tail').bytes, 'm.onnx').droppedOutputOp).toBe('LogSoftmax');
    expect(importOnnxModel(load('matmul-add').bytes, 'm.onnx').droppedOutputOp).toBeUndefined();
  });

  it.each([
    ['unsupported-conv', 'unsupported-conv.onnx: graph.node[0] (Conv): unsupported operator "Conv"; expected Gemm or MatMul+Add with Relu/Tanh/Sigmoid'],
    ['unsupported-layernorm', 'unsupported-layernorm.onnx: graph.node[1] (LayerNormalization): unsupported operator "LayerNormalization"'],
  ])('%s: rejected, naming the operator', (name, message) => {
    const attempt = (): unknown => importOnnxModel(load(name).bytes, `${name}.onnx`);
    expect(attempt).toThrow(ModelFormatError);
    expect(attempt).toThrow(message);
  });
});
