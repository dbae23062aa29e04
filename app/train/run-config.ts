import type { TrainOptions } from './train-options.js';

/** What a training run was, recorded as an extra manifest key (readers ignore it). */
export interface RunConfig {
  readonly options: Pick<TrainOptions, 'epochs' | 'hiddenDims' | 'batchSize' | 'lr' | 'seed' | 'trainLimit' | 'testLimit'> & { readonly augment?: string; readonly lrSchedule?: string };
  readonly backend: string;
  readonly tfjsVersion: string;
  readonly trainImages: number;
  readonly testImages: number;
  /** Wall-clock seconds spent training, summed over resumed sessions (the one value that differs between identical runs). */
  readonly durationSeconds: number;
  readonly resumed: boolean;
}

/** The manifest's `training` key, in the manifest's snake_case. */
export function runConfigJson(config: RunConfig): Record<string, unknown> {
  const o = config.options;
  return {
    training: {
      trainer: 'mlp-kiosk tfjs',
      epochs: o.epochs,
      hidden_dims: o.hiddenDims,
      batch_size: o.batchSize,
      lr: o.lr,
      lr_schedule: o.lrSchedule ?? 'constant',
      seed: o.seed,
      train_limit: o.trainLimit ?? null,
      test_limit: o.testLimit ?? null,
      augment: o.augment ?? null,
      optimizer: 'adam',
      loss: 'softmax_cross_entropy',
      init: 'kaiming_uniform (torch nn.Linear)',
      backend: config.backend,
      tfjs_version: config.tfjsVersion,
      train_images: config.trainImages,
      test_images: config.testImages,
      resumed: config.resumed,
      duration_s: Math.round(config.durationSeconds * 1000) / 1000,
    },
  };
}
