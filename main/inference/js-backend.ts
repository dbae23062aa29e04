import { forward } from '../../app/model/forward.js';
import type { Normalization, SnapshotWeights } from '../../app/model/types.js';
import type { InferenceBackend } from './backend.js';
import { checkPixels } from './check-pixels.js';

/**
 * The plain TypeScript forward pass as a backend: the fallback when
 * onnxruntime-node cannot load, and the oracle the ONNX backend is tested
 * against. Synchronous work behind the async interface.
 */
export function createJsBackend(weights: SnapshotWeights, normalization: Normalization): InferenceBackend {
  const layers = weights.layers;
  const inDim = layers[0]?.inDim ?? 0;
  const outDim = layers[layers.length - 1]?.outDim ?? 0;
  return {
    name: 'js',
    async run(pixels) {
      checkPixels(pixels, 1, inDim);
      return forward(layers, pixels, normalization);
    },
    async logitsBatch(pixels, n) {
      checkPixels(pixels, n, inDim);
      const out = new Float32Array(n * outDim);
      for (let s = 0; s < n; s++) {
        const { logits } = forward(layers, pixels.subarray(s * inDim, (s + 1) * inDim), normalization);
        out.set(logits, s * outDim);
      }
      return out;
    },
    async dispose() {},
  };
}
