import { encodeOnnxModel } from '../../app/onnx/build-onnx-model.js';
import { loadModel } from '../model/load-model.js';
import { writeFileAtomic } from '../model/write-file-atomic.js';
import { UsageError } from './cli-error.js';
import { onePositional, parseCliArgs } from './parse-cli-args.js';

/** `kiosk model export-onnx <manifest.json> [--snapshot ID] -o <file.onnx>` */
export async function runModelExportOnnx(args: string[]): Promise<number> {
  const { values, positionals } = parseCliArgs('model export-onnx', args, {
    snapshot: { type: 'string' },
    output: { type: 'string', short: 'o' },
  });
  const source = onePositional('model export-onnx', positionals, 'manifest.json');
  if (!values.output) throw new UsageError('model export-onnx: -o <file.onnx> is required');
  const model = await loadModel(source);
  const id = values.snapshot ?? model.defaultSnapshotId;
  if (!model.timeline.some((e) => e.id === id)) throw new UsageError(`model export-onnx: --snapshot "${id}" is not in ${model.name}`);
  const weights = await model.loadSnapshot(id);
  const bytes = encodeOnnxModel(weights.layers, model.network.normalization, {
    docString: `${model.name}, snapshot ${id}; input: pixels in [0, 1] normalized as (x - mean) / std (see metadata mlp_kiosk.normalization)`,
  });
  await writeFileAtomic(values.output, bytes);
  process.stdout.write(`wrote ${values.output} (${model.network.architecture.join('-')}, snapshot ${id}, ${bytes.length.toLocaleString('en-US')} bytes)\n`);
  return 0;
}
