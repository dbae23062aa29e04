import { loadModel } from '../model/load-model.js';
import { writeTrainingReport } from '../train/report/write-report.js';
import { onePositional, parseCliArgs } from './parse-cli-args.js';

/** `kiosk model report <manifest.json> [--snapshot ID] [-o DIR]` */
export async function runModelReport(args: string[]): Promise<number> {
  const { values, positionals } = parseCliArgs('model report', args, {
    snapshot: { type: 'string' },
    output: { type: 'string', short: 'o' },
  });
  const model = await loadModel(onePositional('model report', positionals, 'manifest.json'));
  const result = await writeTrainingReport(model, { snapshotId: values.snapshot, outDir: values.output });
  const percent = ((result.correct / result.testImages) * 100).toFixed(2);
  process.stdout.write(`wrote ${result.dir}: ${result.files.join(', ')} (snapshot ${result.snapshotId}: ${percent}% of ${result.testImages.toLocaleString('en-US')} test digits right)\n`);
  return 0;
}
