import ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { forward } from '../../../../app/model/forward.js';
import type { DenseLayer } from '../../../../app/model/types.js';
import { buildOnnxModel, encodeOnnxModel, LOGITS_NAME, PROBABILITIES_NAME } from '../../../../app/onnx/build-onnx-model.js';
import { importOnnxModel } from '../../../../app/onnx/import-onnx-model.js';
import { NORMALIZATION_METADATA_KEY } from '../../../../app/onnx/onnx-metadata.js';
import { onnx } from '../../../../app/onnx/onnx-proto.js';
import { SeededRandom } from '../../../../app/random/seeded-random.js';
import { ARCHITECTURES, randomLayers } from '../../../helpers/random-layers.js';

const normalization = { mean: 0.25, std: 0.5 };

function expectSameLayers(actual: readonly DenseLayer[], expected: readonly DenseLayer[]): void {
  expect(actual.map(({ name, activation, inDim, outDim }) => ({ name, activation, inDim, outDim }))).toEqual(
    expected.map(({ name, activation, inDim, outDim }) => ({ name, activation, inDim, outDim })),
  );
  actual.forEach((layer, i) => {
    // Bit for bit: float32 in, float32 out.
    expect(layer.weights).toEqual(expected[i]?.weights);
    expect(layer.biases).toEqual(expected[i]?.biases);
  });
}

describe('encodeOnnxModel -> importOnnxModel round trip', () => {
  const cases = [
    ...ARCHITECTURES,
    { name: 'sigmoid output layer', sizes: [8, 4, 3], activations: ['relu', 'sigmoid'] as const },
    { name: 'linear hidden layer', sizes: [8, 6, 5, 2], activations: ['linear', 'tanh', 'linear'] as const },
  ];
  it.each(cases)('$name: same weights, activations and normalization', ({ sizes, activations }) => {
    const layers = randomLayers(sizes, [...activations], 7);
    const imported = importOnnxModel(encodeOnnxModel(layers, normalization), 'roundtrip.onnx');
    expectSameLayers(imported.layers, layers);
    expect(imported.normalization).toEqual(normalization);
    expect(imported.normalizationSource).toBe('metadata');
    expect(imported.producer).toBe('mlp-kiosk');
    expect(imported.opsetVersion).toBe(17);
    const pixels = new SeededRandom(3).floats(sizes[0] as number);
    expect(forward(imported.layers, pixels, imported.normalization)).toEqual(forward(layers, pixels, normalization));
  });
});

describe('buildOnnxModel', () => {
  const layers = randomLayers([6, 4, 3], ['relu', 'linear'], 1);

  it('writes one "logits" output and torch-like Gemm nodes for export', () => {
    const { model } = buildOnnxModel(layers, normalization);
    const graph = model.graph!;
    expect(graph.node?.map((n) => n.opType)).toEqual(['Gemm', 'Relu', 'Gemm']);
    expect(graph.output?.map((o) => o.name)).toEqual([LOGITS_NAME]);
    expect(graph.input?.[0]?.type?.tensorType?.shape?.dim?.[0]?.dimParam).toBe('batch');
    expect(graph.initializer?.[0]?.dims).toEqual([4, 6]);
    const meta = model.metadataProps?.find((p) => p.key === NORMALIZATION_METADATA_KEY);
    expect(JSON.parse(meta?.value ?? '')).toEqual(normalization);
  });

  it('exposes every layer, the logits and the probabilities for the inference backend', () => {
    const { model, names } = buildOnnxModel(layers, normalization, { inferenceOutputs: true });
    expect(names.activations).toEqual(['dense_0/Relu_output', LOGITS_NAME]);
    expect(names.outputs).toEqual(['dense_0/Relu_output', LOGITS_NAME, PROBABILITIES_NAME]);
    expect(model.graph?.output?.map((o) => o.name)).toEqual(names.outputs);
  });

  it('encodes a ModelProto that decodes with the same IR version and opset', () => {
    const decoded = onnx.ModelProto.decode(encodeOnnxModel(layers, normalization, { producerVersion: '0.1.0' }));
    expect(Number(decoded.irVersion)).toBe(8);
    expect(Number(decoded.opsetImport[0]?.version)).toBe(17);
    expect(decoded.producerVersion).toBe('0.1.0');
  });

  it('the export file runs in onnxruntime-node at any batch size, giving the forward pass logits', async () => {
    const big = randomLayers([20, 9, 4], ['tanh', 'linear'], 4);
    const session = await ort.InferenceSession.create(encodeOnnxModel(big, normalization));
    try {
      const n = 3;
      const pixels = new SeededRandom(9).floats(n * 20);
      // The graph takes normalized input, as a torch export of the model would.
      const input = pixels.map((p) => (p - normalization.mean) / normalization.std);
      const { logits } = await session.run({ input: new ort.Tensor('float32', input, [n, 20]) });
      for (let s = 0; s < n; s++) {
        const expected = forward(big, pixels.subarray(s * 20, (s + 1) * 20), normalization).logits;
        const actual = (logits?.data as Float32Array).subarray(s * 4, (s + 1) * 4);
        actual.forEach((v, i) => expect(Math.abs(v - (expected[i] as number))).toBeLessThan(1e-4));
      }
    } finally {
      await session.release();
    }
  });

  it('refuses an empty stack', () => {
    expect(() => buildOnnxModel([], normalization)).toThrow(RangeError);
  });
});
