import { MODEL_LIMITS } from '../model/limits.js';
import { LR_SCHEDULES, type LrSchedule } from './lr-schedule.js';

/**
 * `kiosk train`'s options, checked once here (the CLI hands in the raw
 * strings); everything after this trusts them. Names and defaults follow the
 * reference PyTorch trainer, plus the options only this trainer has.
 */

export const TRAIN_DEVICES = ['auto', 'cpu', 'wasm', 'node', 'node-gpu'] as const;
export type TrainDevice = (typeof TRAIN_DEVICES)[number];

/** Training-image augmentation: none (the reference trainer's), or visitors' handwriting (app/train/augment/). */
export const TRAIN_AUGMENTS = ['none', 'handwriting'] as const;
export type TrainAugment = (typeof TRAIN_AUGMENTS)[number];

export interface TrainOptions {
  readonly epochs: number;
  readonly hiddenDims: readonly number[];
  readonly batchSize: number;
  readonly lr: number;
  readonly lrSchedule: LrSchedule;
  readonly augment: TrainAugment;
  readonly seed: number;
  readonly exportPath: string;
  /** Whether --export-path was given (--repeat exports only then). */
  readonly exportPathGiven: boolean;
  readonly device: TrainDevice;
  readonly skipTrain: boolean;
  readonly resume: boolean;
  readonly repeat: number;
  /** Train on the first N training images only. */
  readonly trainLimit?: number;
  /** Evaluate on the first N test images only. */
  readonly testLimit?: number;
  readonly mnistDir?: string;
  /** Per-sample gradient norms of every training image at each epoch's end, written to this index file. */
  readonly gradientNorms?: string;
}

export type RawTrainOptions = Partial<Record<'epochs' | 'hidden-dims' | 'batch-size' | 'lr' | 'lr-schedule' | 'augment' | 'seed' | 'export-path' | 'device' | 'repeat' | 'train-limit' | 'test-limit' | 'mnist-dir' | 'gradient-norms', string>> & {
  readonly 'skip-train'?: boolean;
  readonly resume?: boolean;
};

export const TRAIN_DEFAULTS = {
  epochs: 50,
  hiddenDims: [128, 64],
  batchSize: 128,
  lr: 1e-3,
  lrSchedule: 'constant',
  augment: 'none',
  seed: 0,
  exportPath: 'exports/mlp_weights.json',
  device: 'auto',
  repeat: 1,
} as const;

/** An option's value is wrong; `option` is its flag, e.g. "--lr". */
export class TrainOptionError extends Error {
  override readonly name = 'TrainOptionError';
  constructor(
    readonly option: string,
    problem: string,
  ) {
    super(`${option} ${problem}`);
  }
}

export function parseTrainOptions(raw: RawTrainOptions): TrainOptions {
  const epochs = intOption(raw, 'epochs', TRAIN_DEFAULTS.epochs, 1, 10_000);
  const hiddenDims = raw['hidden-dims'] === undefined ? [...TRAIN_DEFAULTS.hiddenDims] : hiddenDimsOf(raw['hidden-dims']);
  const batchSize = intOption(raw, 'batch-size', TRAIN_DEFAULTS.batchSize, 1, 65_536);
  const lr = lrOf(raw.lr);
  const lrSchedule = oneOf(raw['lr-schedule'], '--lr-schedule', LR_SCHEDULES, TRAIN_DEFAULTS.lrSchedule);
  const augment = oneOf(raw.augment, '--augment', TRAIN_AUGMENTS, TRAIN_DEFAULTS.augment);
  const seed = intOption(raw, 'seed', TRAIN_DEFAULTS.seed, 0, 0xffff_ffff);
  const repeat = intOption(raw, 'repeat', TRAIN_DEFAULTS.repeat, 1, 1_000);
  const exportPath = raw['export-path'] ?? TRAIN_DEFAULTS.exportPath;
  if (exportPath.trim() === '') throw new TrainOptionError('--export-path', 'must not be empty');
  if (!/[^/\\]\.json$/i.test(exportPath)) throw new TrainOptionError('--export-path', `must name a .json manifest file, got "${exportPath}"`);
  const device = (raw.device ?? TRAIN_DEFAULTS.device) as TrainDevice;
  if (!TRAIN_DEVICES.includes(device)) throw new TrainOptionError('--device', `must be one of ${TRAIN_DEVICES.join(', ')}, got "${raw.device}"`);
  const trainLimit = raw['train-limit'] === undefined ? undefined : intOption(raw, 'train-limit', 0, 1, Number.MAX_SAFE_INTEGER);
  const testLimit = raw['test-limit'] === undefined ? undefined : intOption(raw, 'test-limit', 0, 1, Number.MAX_SAFE_INTEGER);
  if (raw['mnist-dir'] !== undefined && raw['mnist-dir'].trim() === '') throw new TrainOptionError('--mnist-dir', 'must not be empty');
  const gradientNorms = raw['gradient-norms'];
  if (gradientNorms !== undefined && !/[^/\\]\.json$/i.test(gradientNorms)) throw new TrainOptionError('--gradient-norms', `must name a .json index file, got "${gradientNorms}"`);
  if (gradientNorms !== undefined && repeat > 1) throw new TrainOptionError('--gradient-norms', 'cannot be combined with --repeat (one run writes one index)');
  const skipTrain = raw['skip-train'] === true;
  const resume = raw.resume === true;
  if (resume && repeat > 1) throw new TrainOptionError('--resume', 'cannot be combined with --repeat (resume one run at a time)');
  if (resume && skipTrain) throw new TrainOptionError('--resume', 'cannot be combined with --skip-train (there is nothing to resume)');
  if (skipTrain && repeat > 1) throw new TrainOptionError('--repeat', 'cannot be combined with --skip-train (untrained runs have nothing to compare)');
  return {
    epochs,
    hiddenDims,
    batchSize,
    lr,
    lrSchedule,
    augment,
    seed,
    exportPath,
    exportPathGiven: raw['export-path'] !== undefined,
    device,
    skipTrain,
    resume,
    repeat,
    ...(trainLimit === undefined ? {} : { trainLimit }),
    ...(testLimit === undefined ? {} : { testLimit }),
    ...(raw['mnist-dir'] === undefined ? {} : { mnistDir: raw['mnist-dir'] }),
    ...(gradientNorms === undefined ? {} : { gradientNorms }),
  };
}

function intOption(raw: RawTrainOptions, name: keyof RawTrainOptions, fallback: number, min: number, max: number): number {
  const text = raw[name];
  if (text === undefined) return fallback;
  const value = typeof text === 'string' && /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new TrainOptionError(`--${name}`, `must be a whole number from ${min} to ${max}, got "${String(text)}"`);
  }
  return value;
}

function hiddenDimsOf(text: string): number[] {
  const parts = text.split(',').map((p) => p.trim());
  const maxHidden = MODEL_LIMITS.maxLayers - 1;
  const dims = parts.map((p) => (/^\d+$/.test(p) ? Number(p) : NaN));
  if (parts.length > maxHidden || dims.some((d) => !Number.isSafeInteger(d) || d < 1 || d > MODEL_LIMITS.maxWidth)) {
    throw new TrainOptionError(
      '--hidden-dims',
      `must be 1 to ${maxHidden} comma-separated layer widths from 1 to ${MODEL_LIMITS.maxWidth}, e.g. 128,64; got "${text}"`,
    );
  }
  return dims;
}

function oneOf<T extends string>(text: string | undefined, option: string, allowed: readonly T[], fallback: T): T {
  if (text === undefined) return fallback;
  const value = allowed.find((a) => a === text);
  if (value === undefined) throw new TrainOptionError(option, `must be one of ${allowed.join(', ')}, got "${text}"`);
  return value;
}

function lrOf(text: string | undefined): number {
  if (text === undefined) return TRAIN_DEFAULTS.lr;
  const value = /^\s*[0-9.eE+-]+\s*$/.test(text) ? Number(text) : NaN;
  if (!Number.isFinite(value) || value <= 0 || value > 10) throw new TrainOptionError('--lr', `must be a number above 0 and at most 10, got "${text}"`);
  return value;
}
