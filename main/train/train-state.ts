import type { ExportSnapshot } from '../../app/model/write-export.js';
import type { AdamState } from './adam.js';

/** Everything that decides a run's numbers: a checkpoint from other settings cannot continue this run. */
export interface TrainIdentity {
  readonly hiddenDims: readonly number[];
  readonly epochs: number;
  readonly batchSize: number;
  readonly lr: number;
  readonly lrSchedule: string;
  readonly seed: number;
  readonly trainImages: number;
  readonly testImages: number;
  readonly backend: string;
  /** Name of the augmentation in use, or null. */
  readonly augment: string | null;
}

/**
 * A run stopped at a batch boundary: with this, training continues exactly as
 * if it had never stopped (same weights, optimizer moments, random streams,
 * loss sums and snapshots).
 */
export interface TrainState {
  readonly identity: TrainIdentity;
  /** 0-based epoch in progress and batches of it already done. */
  readonly epoch: number;
  readonly batchInEpoch: number;
  readonly imagesSeen: number;
  readonly batchesSeen: number;
  readonly cumulativeLoss: number;
  readonly epochLoss: number;
  readonly epochImages: number;
  readonly nextMilestone: number;
  readonly lastEvalAccuracy: number;
  /** Shuffle generator's state at the start of the epoch in progress (its order is drawn again from it). */
  readonly epochShuffleState: number;
  readonly augmentState: number;
  /** Kernels [in][out] and biases, layer by layer. */
  readonly params: readonly Float32Array[];
  readonly adam: AdamState;
  readonly snapshots: readonly ExportSnapshot[];
  readonly logLines: readonly string[];
  /** Training seconds of the sessions before this one. */
  readonly durationSeconds: number;
}

/** The first setting where a checkpoint's run differs from the requested one, or undefined. */
export function identityMismatch(saved: TrainIdentity, wanted: TrainIdentity): string | undefined {
  const keys = Object.keys(wanted) as (keyof TrainIdentity)[];
  for (const key of keys) {
    if (JSON.stringify(saved[key]) !== JSON.stringify(wanted[key])) {
      return `${key} is ${JSON.stringify(saved[key])} in the checkpoint but ${JSON.stringify(wanted[key])} now`;
    }
  }
  return undefined;
}
