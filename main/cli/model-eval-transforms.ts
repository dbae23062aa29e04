import { applyEvalTransform, EVAL_TRANSFORMS } from '../../app/train/augment/eval-transforms.js';
import { penNormalize } from '../../app/train/augment/pen-fit.js';
import type { InferenceBackend } from '../inference/backend.js';
import { accuracyOf } from '../model/evaluate.js';

/** A model's accuracy on the MNIST test set under one named change (app/train/augment/eval-transforms.ts). */
export interface TransformAccuracy {
  readonly name: string;
  readonly description: string;
  /** On the changed digits as they are. */
  readonly accuracy: number;
  /**
   * On the changed digits after the pen path's fit and centring (done on
   * the image): what the exhibit would show the network had a visitor drawn
   * them. Shifts and sizes mostly vanish here; tilt, slant and stroke weight
   * do not.
   */
  readonly pen_path_accuracy: number;
}

/** Accuracy per fixed, seeded transform: the same changed images for every model, so figures compare. */
export async function accuracyPerTransform(backend: InferenceBackend, pixels: Float32Array, labels: Uint8Array): Promise<TransformAccuracy[]> {
  const results: TransformAccuracy[] = [];
  for (const transform of EVAL_TRANSFORMS) {
    const changed = applyEvalTransform(transform, pixels, labels.length);
    const accuracy = await accuracyOf(backend, changed, labels);
    const presented = applyEvalTransform(transform, pixels, labels.length, (image) => penNormalize(image, 28));
    const penPath = await accuracyOf(backend, presented, labels);
    results.push({ name: transform.name, description: transform.description, accuracy, pen_path_accuracy: penPath });
  }
  return results;
}

/** The per-transform figures as an indented table for the terminal. */
export function transformTable(results: readonly TransformAccuracy[]): string {
  const width = Math.max(...results.map((r) => r.name.length), 'transform'.length);
  const pct = (v: number) => `${(v * 100).toFixed(2)}%`.padStart(8);
  const lines = [`  ${'transform'.padEnd(width)}  ${'as is'.padStart(8)}  ${'pen path'.padStart(8)}  change`];
  for (const r of results) lines.push(`  ${r.name.padEnd(width)}  ${pct(r.accuracy)}  ${pct(r.pen_path_accuracy)}  ${r.description}`);
  return lines.join('\n') + '\n';
}
