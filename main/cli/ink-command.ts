import { accuracyOfConfusion, confusionTable, emptyConfusion } from '../../app/ink/confusion.js';
import { strokesToInput } from '../../app/ink/strokes-to-input.js';
import { checkExhibitFit } from '../../app/model/exhibit-fit.js';
import { argmax } from '../../app/model/forward.js';
import { createBackend } from '../inference/create-backend.js';
import { readStrokesFile } from '../ink/read-strokes-file.js';
import { loadModel } from '../model/load-model.js';
import { findPackageRoot } from '../hub/package-root.js';
import { UsageError } from './cli-error.js';
import { parseBackendFlag } from './hub-flags.js';
import { onePositional, parseCliArgs } from './parse-cli-args.js';
import path from 'node:path';

/** `kiosk ink eval <strokes.jsonl> [--model PATH] [--snapshot ID] [--json] [--backend auto|ort|js]` */
export async function runInkCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'eval') throw new UsageError(`ink: expected eval${sub ? `, got "${sub}"` : ''}`);
  const { values, positionals } = parseCliArgs('ink eval', rest, {
    model: { type: 'string' },
    snapshot: { type: 'string' },
    json: { type: 'boolean' },
    backend: { type: 'string', default: 'auto' },
  });
  const preference = parseBackendFlag('ink eval', values.backend);
  const file = onePositional('ink eval', positionals, 'strokes.jsonl file');
  const samples = await readStrokesFile(file);

  const modelPath = values.model ?? path.join(findPackageRoot(), 'exports', 'mlp_weights.json');
  const model = await loadModel(modelPath);
  checkExhibitFit(model, modelPath);
  const snapshotId = values.snapshot ?? model.defaultSnapshotId;
  if (!model.timeline.some((e) => e.id === snapshotId)) throw new UsageError(`ink eval: --snapshot "${snapshotId}" is not in ${model.name}`);

  // Exactly the pen path: strokes -> app/ink -> the model.
  const size = model.network.architecture[0]!;
  const inputs = new Float32Array(samples.length * size);
  samples.forEach((s, i) => inputs.set(strokesToInput(s.strokes), i * size));
  const backend = await createBackend(await model.loadSnapshot(snapshotId), model.network.normalization, preference);
  try {
    const logits = await backend.logitsBatch(inputs, samples.length);
    const classes = logits.length / samples.length;
    const confusion = emptyConfusion(classes);
    samples.forEach((s, i) => confusion[s.label]![argmax(logits.subarray(i * classes, (i + 1) * classes))]!++);
    const { accuracy, n } = accuracyOfConfusion(confusion);
    if (values.json) {
      process.stdout.write(JSON.stringify({ accuracy, n, confusion, model: model.name, snapshot: snapshotId, backend: backend.name }) + '\n');
    } else {
      process.stdout.write(`${(accuracy * 100).toFixed(2)}% of ${n} drawings recognised (${model.name}, snapshot ${snapshotId}, ${backend.name})\n${confusionTable(confusion)}\n`);
    }
    return 0;
  } finally {
    await backend.dispose();
  }
}
