// The `kiosk` command. Every failure is one line on stderr and a non-zero
// exit code; set KIOSK_DEBUG=1 to see the stack as well.
import { UsageError } from './cli-error.js';

const USAGE = `usage:
  kiosk start [--shell electron|chromium|url] [--port N] [--host H] [--state-dir DIR] [--model PATH] [--snapshot ID] [--backend auto|ort|js] [--language en|de]   (kiosk start --help: flags and environment)
  kiosk serve --headless [--port N] [--host H] [--state-dir DIR] [--model PATH] [--snapshot ID] [--backend auto|ort|js] [--language en|de]
  kiosk operator-pin --state-dir DIR [--pin NNNNNN]   (sets a new operator PIN; without --pin makes one and prints it)
  kiosk model info <manifest.json|model.onnx> [--json]
  kiosk model eval <manifest.json|model.onnx> [--snapshot ID|all] [--transforms] [--json] [--backend auto|ort|js]
  kiosk model export-onnx <manifest.json> [--snapshot ID] -o <file.onnx>
  kiosk model report <manifest.json> [--snapshot ID] [-o DIR]   (curves and test predictions as SVG and PNG; DIR defaults to <manifest stem>-results)
  kiosk ink eval <strokes.jsonl> [--model PATH] [--snapshot ID] [--json] [--backend auto|ort|js]
  kiosk gradients <manifest.json|model.onnx> [--snapshot ID] [--split train|test] --samples 0,17,42 -o <out.json> [--json]
  kiosk gradients <manifest.json|model.onnx> [--snapshot ID] [--split train|test] --norms [--top N] -o <out.json> [--json]
  kiosk train [--epochs 50] [--hidden-dims 128,64] [--batch-size 128] [--lr 1e-3] [--lr-schedule constant|cosine] [--seed 0]
              [--augment none|handwriting]
              [--export-path exports/mlp_weights.json] [--device auto|cpu|wasm|node|node-gpu]
              [--skip-train] [--resume] [--repeat K] [--train-limit N] [--test-limit N] [--mnist-dir DIR]

  --host H   127.0.0.1, ::1 or localhost serve this machine only;
             use --host 0.0.0.0 (or ::) to also serve the LAN, where tablets
             pair (the pen page is all the LAN can reach). Default: 0.0.0.0 for
             start, 127.0.0.1 for serve. Other addresses are refused: the
             display only opens on this machine.
  --port N   0 picks a free port. Default: 8421 for start (a free port, with a
             warning, when 8421 is taken), 0 for serve.
  train      trains on MNIST with the reference trainer's 35-snapshot timeline;
             Ctrl-C saves a checkpoint beside the export (--resume continues
             it exactly); --repeat K trains seeds seed..seed+K-1 and reports
             mean and std of test accuracy (exports <stem>.seed<N>.json only
             when --export-path is given).`;

type Command = (args: string[]) => Promise<number>;

const commands: Record<string, () => Promise<Command>> = {
  model: async () => (await import('./model-command.js')).runModelCommand,
  serve: async () => (await import('./serve-command.js')).runServeCommand,
  start: async () => (await import('./start-command.js')).runStartCommand,
  ink: async () => (await import('./ink-command.js')).runInkCommand,
  gradients: async () => (await import('./gradients-command.js')).runGradientsCommand,
  train: async () => (await import('./train-command.js')).runTrainCommand,
  'operator-pin': async () => (await import('./operator-pin-command.js')).runOperatorPinCommand,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE + '\n');
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) throw new UsageError(`unknown command "${name}" (try: kiosk --help)`);
  return (await load())(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    const oneLine = message.replace(/\s*\n\s*/g, ' ');
    const known = error instanceof Error && ['UsageError', 'ModelFormatError', 'DataFormatError', 'InkFileError', 'GradientInputError', 'GradientFileError', 'ReportError', 'CheckpointError', 'ExportWriteError', 'BackendUnavailableError', 'ResumeMismatchError', 'SettingsError'].includes(error.name);
    process.stderr.write(`kiosk: ${known ? '' : 'error: '}${oneLine}\n`);
    if (process.env.KIOSK_DEBUG && error instanceof Error) process.stderr.write(`${error.stack ?? ''}\n`);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  },
);
