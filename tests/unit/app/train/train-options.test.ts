import { describe, expect, it } from 'vitest';
import { TRAIN_DEFAULTS, TrainOptionError, parseTrainOptions, type RawTrainOptions } from '../../../../app/train/train-options.js';

function problem(raw: RawTrainOptions): string | null {
  try {
    parseTrainOptions(raw);
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(TrainOptionError);
    return (error as Error).message;
  }
}

describe('parseTrainOptions', () => {
  it('defaults follow the reference trainer', () => {
    expect(parseTrainOptions({})).toEqual({
      epochs: 50,
      hiddenDims: [128, 64],
      batchSize: 128,
      lr: 1e-3,
      lrSchedule: 'constant',
      augment: 'none',
      seed: 0,
      exportPath: 'exports/mlp_weights.json',
      exportPathGiven: false,
      device: 'auto',
      skipTrain: false,
      resume: false,
      repeat: 1,
    });
    expect(TRAIN_DEFAULTS.epochs).toBe(50);
  });

  it('reads every option', () => {
    expect(
      parseTrainOptions({
        epochs: '2',
        'hidden-dims': '256, 32,16',
        'batch-size': '64',
        lr: '5e-4',
        'lr-schedule': 'cosine',
        augment: 'handwriting',
        seed: '42',
        'export-path': 'out/m.json',
        device: 'wasm',
        repeat: '3',
        'train-limit': '2000',
        'test-limit': '500',
        'mnist-dir': '/data/mnist',
      }),
    ).toEqual({
      epochs: 2,
      hiddenDims: [256, 32, 16],
      batchSize: 64,
      lr: 5e-4,
      lrSchedule: 'cosine',
      augment: 'handwriting',
      seed: 42,
      exportPath: 'out/m.json',
      exportPathGiven: true,
      device: 'wasm',
      skipTrain: false,
      resume: false,
      repeat: 3,
      trainLimit: 2000,
      testLimit: 500,
      mnistDir: '/data/mnist',
    });
    expect(parseTrainOptions({ 'gradient-norms': 'runs/norms.json' }).gradientNorms).toBe('runs/norms.json');
  });

  it.each<[RawTrainOptions, RegExp]>([
    [{ epochs: '0' }, /^--epochs must be a whole number from 1 to 10000, got "0"$/],
    [{ epochs: '2.5' }, /^--epochs must be a whole number/],
    [{ epochs: 'ten' }, /^--epochs must be a whole number/],
    [{ epochs: '-3' }, /^--epochs must be a whole number/],
    [{ 'hidden-dims': '' }, /^--hidden-dims must be 1 to 31 comma-separated layer widths/],
    [{ 'hidden-dims': '128,,64' }, /^--hidden-dims must be/],
    [{ 'hidden-dims': '128,0' }, /^--hidden-dims must be/],
    [{ 'hidden-dims': '128 64' }, /^--hidden-dims must be .*got "128 64"$/],
    [{ 'hidden-dims': '99999' }, /^--hidden-dims must be/],
    [{ 'hidden-dims': Array(40).fill('8').join(',') }, /^--hidden-dims must be 1 to 31/],
    [{ 'batch-size': '0' }, /^--batch-size must be a whole number from 1 to 65536/],
    [{ lr: '0' }, /^--lr must be a number above 0 and at most 10, got "0"$/],
    [{ lr: '-1e-3' }, /^--lr must be/],
    [{ lr: 'fast' }, /^--lr must be/],
    [{ lr: 'Infinity' }, /^--lr must be/],
    [{ seed: '-1' }, /^--seed must be a whole number from 0 to 4294967295/],
    [{ seed: '4294967296' }, /^--seed must be/],
    [{ 'export-path': '' }, /^--export-path must not be empty$/],
    [{ 'export-path': 'exports/model.onnx' }, /^--export-path must name a \.json manifest file, got "exports\/model\.onnx"$/],
    [{ 'export-path': 'exports/.json' }, /^--export-path must name a \.json manifest file/],
    [{ device: 'gpu' }, /^--device must be one of auto, cpu, wasm, node, node-gpu, got "gpu"$/],
    [{ repeat: '0' }, /^--repeat must be a whole number from 1/],
    [{ 'train-limit': '0' }, /^--train-limit must be a whole number from 1/],
    [{ 'test-limit': 'all' }, /^--test-limit must be a whole number from 1/],
    [{ 'mnist-dir': ' ' }, /^--mnist-dir must not be empty$/],
    [{ resume: true, repeat: '2' }, /^--resume cannot be combined with --repeat/],
    [{ resume: true, 'skip-train': true }, /^--resume cannot be combined with --skip-train/],
    [{ repeat: '2', 'skip-train': true }, /^--repeat cannot be combined with --skip-train/],
    [{ 'lr-schedule': 'linear' }, /^--lr-schedule must be one of constant, cosine, got "linear"$/],
    [{ augment: 'elastic' }, /^--augment must be one of none, handwriting, got "elastic"$/],
    [{ 'gradient-norms': 'norms.f32' }, /^--gradient-norms must name a \.json index file, got "norms\.f32"$/],
    [{ 'gradient-norms': 'n.json', repeat: '2' }, /^--gradient-norms cannot be combined with --repeat/],
  ])('%j is refused, naming the option', (raw, message) => {
    expect(problem(raw)).toMatch(message);
  });
});
