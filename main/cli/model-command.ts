import { UsageError } from './cli-error.js';
import { runModelInfo } from './model-info.js';
import { runModelEval } from './model-eval.js';
import { runModelExportOnnx } from './model-export-onnx.js';
import { runModelReport } from './model-report.js';

const SUBCOMMANDS: Record<string, (args: string[]) => Promise<number>> = {
  info: runModelInfo,
  eval: runModelEval,
  'export-onnx': runModelExportOnnx,
  report: runModelReport,
};

/** `kiosk model <info|eval|export-onnx|report> ...` */
export async function runModelCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const run = sub ? SUBCOMMANDS[sub] : undefined;
  if (!run) throw new UsageError(`model: expected one of ${Object.keys(SUBCOMMANDS).join(', ')}${sub ? `, got "${sub}"` : ''}`);
  return run(rest);
}
