import ort from 'onnxruntime-node';
import { softmax } from '../../app/model/activation.js';
import type { Normalization, SnapshotWeights } from '../../app/model/types.js';
import { buildOnnxModel, encodeModelProto, INPUT_NAME } from '../../app/onnx/build-onnx-model.js';
import type { InferenceBackend } from './backend.js';
import { checkPixels } from './check-pixels.js';
import { preferredProviders, providerUnavailableReason, type ProviderName } from './execution-providers.js';

/**
 * onnxruntime-node running the ONNX graph built from the snapshot's weights,
 * with every layer's activation as an extra output so that one run lights up
 * the whole display. The graph takes normalized input (like a torch export);
 * the normalization is applied here, in JS, before feeding it.
 */

export interface OrtBackendOptions {
  /** Providers to try in order; default: the platform's GPU provider, then CPU. */
  readonly providers?: readonly ProviderName[];
  /** Samples per session run in logitsBatch: bounds the memory of a 10,000-image evaluation. */
  readonly batchSize?: number;
}

export interface OrtBackend extends InferenceBackend {
  readonly provider: ProviderName;
  /** Why better providers were skipped, e.g. "cuda: provider library not installed ...". */
  readonly providerNotes: readonly string[];
}

export async function createOrtBackend(
  weights: SnapshotWeights,
  normalization: Normalization,
  options: OrtBackendOptions = {},
): Promise<OrtBackend> {
  const { layers } = weights;
  const first = layers[0];
  const last = layers[layers.length - 1];
  if (!first || !last) throw new RangeError('onnxruntime backend: the model has no layers');
  const { model, names } = buildOnnxModel(layers, normalization, { inferenceOutputs: true });
  const bytes = encodeModelProto(model);
  const { session, provider, notes } = await openSession(bytes, options.providers ?? preferredProviders(process.platform));
  const inDim = first.inDim;
  const outDim = last.outDim;
  const batchSize = Math.max(1, options.batchSize ?? 1024);
  const { mean, std } = normalization;

  const normalize = (pixels: Float32Array, into: Float32Array): void => {
    for (let i = 0; i < pixels.length; i++) into[i] = ((pixels[i] as number) - mean) / std;
  };
  const feed = (pixels: Float32Array, n: number): Record<string, ort.Tensor> => {
    const input = new Float32Array(pixels.length);
    normalize(pixels, input);
    return { [INPUT_NAME]: new ort.Tensor('float32', input, [n, inDim]) };
  };
  // One input buffer and tensor for single-sample runs (the hub's per-stroke
  // path). onnxruntime-node reads the buffer later, when the run executes,
  // not when run() is called; the hub serializes runs, but a second run while
  // one is in flight gets buffers of its own rather than overwrite them.
  const single = new Float32Array(inDim);
  const singleFeed = { [INPUT_NAME]: new ort.Tensor('float32', single, [1, inDim]) };
  let singleBusy = false;
  const floats = (results: ort.InferenceSession.ReturnType, name: string): Float32Array => {
    const tensor = results[name];
    if (!tensor || !(tensor.data instanceof Float32Array)) throw new Error(`onnxruntime backend: output "${name}" missing`);
    return tensor.data;
  };

  return {
    name: `onnxruntime-node (${provider})`,
    provider,
    providerNotes: notes,
    async run(pixels) {
      checkPixels(pixels, 1, inDim);
      let results: ort.InferenceSession.ReturnType;
      if (singleBusy) {
        results = await session.run(feed(pixels, 1));
      } else {
        singleBusy = true;
        try {
          normalize(pixels, single);
          results = await session.run(singleFeed);
        } finally {
          singleBusy = false;
        }
      }
      // Copies: for a linear last layer its activation and the logits are one output.
      const activations = names.activations.map((name) => floats(results, name).slice());
      const logits = floats(results, names.logits).slice();
      const probabilities = names.probabilities ? floats(results, names.probabilities).slice() : softmax(logits);
      return { activations, logits, probabilities };
    },
    async logitsBatch(pixels, n) {
      checkPixels(pixels, n, inDim);
      const out = new Float32Array(n * outDim);
      for (let start = 0; start < n; start += batchSize) {
        const count = Math.min(batchSize, n - start);
        const chunk = pixels.subarray(start * inDim, (start + count) * inDim);
        // Fetch only the logits: the hidden outputs are not needed for accuracy.
        const results = await session.run(feed(chunk, count), [names.logits]);
        out.set(floats(results, names.logits), start * outDim);
      }
      return out;
    },
    async dispose() {
      await session.release();
    },
  };
}

/** The first provider that opens the graph; CPU is always there as the last resort. */
async function openSession(
  bytes: Uint8Array,
  providers: readonly ProviderName[],
): Promise<{ session: ort.InferenceSession; provider: ProviderName; notes: string[] }> {
  const notes: string[] = [];
  const supported = ort.listSupportedBackends();
  for (const provider of providers) {
    const unavailable = providerUnavailableReason(provider, supported);
    if (unavailable) {
      notes.push(unavailable);
      continue;
    }
    try {
      const session = await ort.InferenceSession.create(bytes, {
        executionProviders: [provider],
        graphOptimizationLevel: 'all',
        // Warnings only to the log; a provider that fails is reported through `notes`.
        logSeverityLevel: 3,
        // onnxruntime's worker threads busy-wait for the next run by default:
        // with a visitor drawing (a run every ~17 ms) that kept a whole core
        // spinning in the hub, stolen from the display's renderer on the same
        // PC. Sleeping threads cost a few microseconds per run instead.
        extra: { session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } } },
      });
      return { session, provider, notes };
    } catch (error) {
      notes.push(`${provider}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  throw new Error(`onnxruntime-node could not open the model with any execution provider (${notes.join('; ')})`);
}
