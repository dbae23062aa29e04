import { imagesAsUnitFloats } from '../../app/mnist/idx.js';
import { checkExhibitFit } from '../../app/model/exhibit-fit.js';
import type { LoadedModel } from '../../app/model/loaded-model.js';
import { createBackend } from '../inference/create-backend.js';
import { loadMnist } from '../mnist/load-mnist.js';
import { accuracyOf } from '../model/evaluate.js';
import { loadModel } from '../model/load-model.js';
import { UsageError } from './cli-error.js';
import { parseBackendFlag } from './hub-flags.js';
import { accuracyPerTransform, transformTable, type TransformAccuracy } from './model-eval-transforms.js';
import { onePositional, parseCliArgs } from './parse-cli-args.js';

/**
 * `kiosk model eval <manifest.json|model.onnx> [--snapshot ID|all] [--transforms] [--json] [--backend auto|ort|js]`
 *
 * --transforms adds the accuracy on rotated, shifted, scaled, sheared,
 * thickened and thinned test digits (fixed seeds, so comparable across models).
 */
export async function runModelEval(args: string[]): Promise<number> {
  const { values, positionals } = parseCliArgs('model eval', args, {
    snapshot: { type: 'string' },
    json: { type: 'boolean' },
    transforms: { type: 'boolean' },
    backend: { type: 'string', default: 'auto' },
  });
  const preference = parseBackendFlag('model eval', values.backend);
  const file = onePositional('model eval', positionals, 'manifest.json or model.onnx');
  const model = await loadModel(file);
  checkExhibitFit(model, file); // MNIST: 784 pixels in, 10 digits out
  const entries = selectSnapshots(model, values.snapshot);
  const test = await loadMnist('test');
  const pixels = imagesAsUnitFloats(test.images);

  const results: Array<{ id: string; accuracy: number; manifest_accuracy: number | null; transforms?: TransformAccuracy[] }> = [];
  let backendName = '';
  for (const entry of entries) {
    const backend = await createBackend(await model.loadSnapshot(entry.id), model.network.normalization, preference);
    try {
      backendName = backend.name;
      const accuracy = await accuracyOf(backend, pixels, test.labels);
      const transforms = values.transforms ? await accuracyPerTransform(backend, pixels, test.labels) : undefined;
      results.push({ id: entry.id, accuracy, manifest_accuracy: entry.metrics.testAccuracy ?? null, ...(transforms && { transforms }) });
      if (!values.json) process.stdout.write(resultLine(entry.id, accuracy, entry.metrics.testAccuracy) + (transforms ? transformTable(transforms) : ''));
    } finally {
      await backend.dispose();
    }
  }
  if (values.json) process.stdout.write(JSON.stringify({ snapshots: results, backend: backendName, images: test.labels.length }) + '\n');
  else process.stdout.write(`${test.labels.length.toLocaleString('en-US')} MNIST test images, backend: ${backendName}\n`);
  return 0;
}

function selectSnapshots(model: LoadedModel, wanted: string | undefined) {
  if (wanted === 'all') return model.timeline;
  const id = wanted ?? model.defaultSnapshotId;
  const entry = model.timeline.find((e) => e.id === id);
  if (!entry) {
    const known = model.timeline.map((e) => e.id);
    const list = known.length > 6 ? `${known.slice(0, 3).join(', ')}, ..., ${known.slice(-2).join(', ')}` : known.join(', ');
    throw new UsageError(`model eval: --snapshot "${id}" is not in ${model.name} (snapshots: ${list}, or all)`);
  }
  return [entry];
}

function resultLine(id: string, accuracy: number, manifest: number | undefined): string {
  const ours = `${(accuracy * 100).toFixed(2)}%`;
  if (manifest === undefined) return `${id}: ${ours}\n`;
  const diff = (accuracy - manifest) * 100;
  return `${id}: ${ours} (manifest ${(manifest * 100).toFixed(2)}%, ${diff >= 0 ? '+' : ''}${diff.toFixed(2)} pp)\n`;
}
