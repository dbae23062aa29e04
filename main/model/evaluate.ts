import { argmax } from '../../app/model/forward.js';
import type { InferenceBackend } from '../inference/backend.js';

/** Fraction of images whose highest logit is the label, evaluated in batches. */
export async function accuracyOf(backend: InferenceBackend, pixels: Float32Array, labels: Uint8Array, batch = 1000): Promise<number> {
  const size = pixels.length / labels.length;
  let correct = 0;
  for (let start = 0; start < labels.length; start += batch) {
    const n = Math.min(batch, labels.length - start);
    const logits = await backend.logitsBatch(pixels.subarray(start * size, (start + n) * size), n);
    const classes = logits.length / n;
    for (let i = 0; i < n; i++) {
      if (argmax(logits.subarray(i * classes, (i + 1) * classes)) === labels[start + i]) correct++;
    }
  }
  return correct / labels.length;
}
