import * as tf from '@tensorflow/tfjs-core';
import type { NetworkSpec, SnapshotWeights } from '../../app/model/types.js';
import type { ExportSnapshot } from '../../app/model/write-export.js';
import { SeededRandom } from '../../app/random/seeded-random.js';
import { buildMilestones, type Milestone } from '../../app/train/milestone-schedule.js';
import { MilestoneTracker, timelineEntryOf } from '../../app/train/milestone-tracker.js';
import type { TrainProgress } from '../../app/train/progress-format.js';
import { shuffledIndices } from '../../app/train/seeded-shuffle.js';
import { capturedLine, deviceLine, epochLine } from '../../app/train/train-log.js';
import { learningRateAt, type LrSchedule } from '../../app/train/lr-schedule.js';
import { Adam } from './adam.js';
import { MNIST_NORMALIZATION, accuracyOn, batchInputs, normalizedImages, oneHot } from './mnist-batches.js';
import { layerNames } from '../../app/train/layer-names.js';
import { MlpModel, initialWeights } from './mlp-model.js';
import { identityMismatch, type TrainIdentity, type TrainState } from './train-state.js';

/** Images as MNIST ships them: 784 bytes each (0 background, 255 ink), labels 0-9. */
export interface ImageSet {
  readonly pixels: Uint8Array;
  readonly labels: Uint8Array;
}

export interface TrainRun {
  readonly hiddenDims: readonly number[];
  readonly epochs: number;
  readonly batchSize: number;
  readonly lr: number;
  /** How the step size changes over the run (default constant, as the reference trainer). */
  readonly lrSchedule?: LrSchedule;
  readonly seed: number;
  /** Capture the initial snapshot only (the reference's --skip-train). */
  readonly skipTrain?: boolean;
  readonly train: ImageSet;
  readonly test: ImageSet;
  /** The active tfjs backend as selectBackend() reported it (recorded, and checked on resume). */
  readonly backend: string;
}

/**
 * Changes one training image before it is normalized: 784 values in [0, 1]
 * in, 784 out. `rng` is the trainer's own seeded stream for augmentation, so
 * an augmented run is as reproducible (and resumable) as a plain one.
 */
export type AugmentFn = (pixels: Float32Array, rng: SeededRandom) => Float32Array;

/** What onBatch gets. */
export interface BatchEnd {
  readonly progress: TrainProgress;
  readonly loss: number;
  /** Row-major [out][in] copies of the weights as they are after this batch. */
  readonly weights: () => SnapshotWeights;
}

export interface CapturedSnapshot extends ExportSnapshot {
  /** Position in the timeline (0 = initial weights). */
  readonly index: number;
}

export interface TrainHooks {
  readonly augment?: AugmentFn;
  /** Recorded in the run's identity: a checkpoint with another augmentation is refused. */
  readonly augmentName?: string;
  /** After each captured timeline snapshot (live training streams these). */
  readonly onSnapshot?: (snapshot: CapturedSnapshot) => void | Promise<void>;
  /** After each epoch with the weights at its end, `epoch` 1-based (e.g. per-sample gradient norms). */
  /** A returned line goes into the training log after the epoch's own line (and into checkpoints with it). */
  readonly onEpochEnd?: (weights: SnapshotWeights, epoch: number) => void | string | Promise<void | string>;
  /** After every batch. */
  readonly onProgress?: (progress: TrainProgress) => void;
  /**
   * After every batch (and after any snapshot it captured), with the batch's
   * mean loss and a reader of the current weights: reading copies them off the
   * backend, so live training calls it only a few times a second.
   */
  readonly onBatch?: (batch: BatchEnd) => void | Promise<void>;
  /** Each train.log line as it happens. */
  readonly onLog?: (line: string) => void;
  /** Abort to stop at the next batch boundary; the state there goes to saveCheckpoint. */
  readonly signal?: AbortSignal;
  /** Called at every epoch end and when stopped by the signal. */
  readonly saveCheckpoint?: (state: TrainState) => Promise<void>;
  /** Continue this saved run instead of starting afresh. */
  readonly resumeFrom?: TrainState;
}

export interface TrainResult {
  readonly status: 'completed' | 'interrupted';
  readonly network: NetworkSpec;
  readonly snapshots: readonly CapturedSnapshot[];
  readonly logLines: readonly string[];
  /** Test accuracy of the last captured snapshot. */
  readonly finalTestAccuracy: number;
  /** Training images processed in this session and the seconds it took (no evaluation time excluded). */
  readonly sessionImages: number;
  readonly sessionSeconds: number;
  /** All sessions of this run together. */
  readonly durationSeconds: number;
}

/** Thrown when `resumeFrom` holds a run with other settings. */
export class ResumeMismatchError extends Error {
  override readonly name = 'ResumeMismatchError';
}

const EVAL_BATCH = 1000;

/** Independent seeded streams: weights from the seed itself, shuffling and augmentation from derived seeds. */
const streamSeed = (seed: number, stream: number) => (seed + Math.imul(stream, 0x9e3779b9)) >>> 0;

/**
 * Trains the MLP with Adam on softmax cross-entropy in batches, capturing the
 * reference trainer's timeline snapshots (test accuracy and the mean training
 * loss per image so far) at the first batch boundary past each milestone.
 * Every tensor is freed: the tensor count after a run equals the one before.
 */
export async function trainMlp(run: TrainRun, hooks: TrainHooks = {}): Promise<TrainResult> {
  const trainCount = run.train.labels.length;
  const architecture = [784, ...run.hiddenDims, 10];
  const names = layerNames(architecture);
  const network: NetworkSpec = {
    architecture,
    layers: names.map((n, i) => ({ ...n, inDim: architecture[i]!, outDim: architecture[i + 1]! })),
    normalization: MNIST_NORMALIZATION,
  };
  const identity: TrainIdentity = {
    hiddenDims: [...run.hiddenDims],
    epochs: run.epochs,
    batchSize: run.batchSize,
    lr: run.lr,
    lrSchedule: run.lrSchedule ?? 'constant',
    seed: run.seed,
    trainImages: trainCount,
    testImages: run.test.labels.length,
    backend: run.backend,
    augment: hooks.augmentName ?? null,
  };
  const saved = hooks.resumeFrom;
  if (saved) {
    const mismatch = identityMismatch(saved.identity, identity);
    if (mismatch) throw new ResumeMismatchError(`the checkpoint is from another run: ${mismatch}`);
  }

  const milestones: Milestone[] = run.skipTrain ? buildMilestones(trainCount, 0) : buildMilestones(trainCount, run.epochs);
  const tracker = new MilestoneTracker(milestones, saved?.nextMilestone ?? 0);
  const model = new MlpModel(architecture, initialWeights(architecture, new SeededRandom(run.seed)));
  const totalSteps = run.epochs * Math.ceil(trainCount / run.batchSize);
  const adam = new Adam(model.params, (step) => learningRateAt(run.lrSchedule ?? 'constant', run.lr, step, totalSteps));
  const testInputs = normalizedImages(run.test.pixels);
  const shuffleRng = new SeededRandom(saved?.epochShuffleState ?? streamSeed(run.seed, 1));
  const augmentRng = new SeededRandom(saved?.augmentState ?? streamSeed(run.seed, 2));

  const snapshots: CapturedSnapshot[] = (saved?.snapshots ?? []).map((s, index) => ({ ...s, index }));
  const logLines: string[] = [...(saved?.logLines ?? [])];
  const log = (line: string) => {
    logLines.push(line);
    hooks.onLog?.(line);
  };
  let imagesSeen = saved?.imagesSeen ?? 0;
  let batchesSeen = saved?.batchesSeen ?? 0;
  let cumulativeLoss = saved?.cumulativeLoss ?? 0;
  let epochLoss = saved?.epochLoss ?? 0;
  let epochImages = saved?.epochImages ?? 0;
  let lastEvalAccuracy = saved?.lastEvalAccuracy ?? 0;
  let epochShuffleState = shuffleRng.getState();
  const started = performance.now();
  let sessionImages = 0;
  const seconds = () => (performance.now() - started) / 1000;

  const evaluate = () => accuracyOn(model, testInputs, run.test.labels, EVAL_BATCH);
  const captureDue = async (): Promise<boolean> => {
    const due = tracker.due(imagesSeen);
    if (due.length === 0) return false;
    const accuracy = evaluate();
    lastEvalAccuracy = accuracy;
    const weights = model.weights(names);
    for (const milestone of due) {
      const avgTrainingLoss = imagesSeen > 0 ? cumulativeLoss / imagesSeen : undefined;
      const entry = timelineEntryOf(milestone, imagesSeen, batchesSeen, trainCount, { testAccuracy: accuracy, ...(avgTrainingLoss === undefined ? {} : { avgTrainingLoss }) });
      const snapshot: CapturedSnapshot = { entry, weights, index: snapshots.length };
      snapshots.push(snapshot);
      log(capturedLine(milestone.label, imagesSeen, batchesSeen, accuracy));
      await hooks.onSnapshot?.(snapshot);
    }
    return true;
  };
  const stateAt = (epoch: number, batchInEpoch: number): TrainState => ({
    identity,
    epoch,
    batchInEpoch,
    imagesSeen,
    batchesSeen,
    cumulativeLoss,
    epochLoss,
    epochImages,
    nextMilestone: tracker.nextIndex,
    lastEvalAccuracy,
    epochShuffleState,
    augmentState: augmentRng.getState(),
    params: model.paramValues(),
    adam: adam.getState(),
    snapshots: snapshots.map(({ entry, weights }) => ({ entry, weights })),
    logLines: [...logLines],
    durationSeconds: (saved?.durationSeconds ?? 0) + seconds(),
  });
  const result = (status: TrainResult['status']): TrainResult => ({
    status,
    network,
    snapshots,
    logLines,
    finalTestAccuracy: snapshots.at(-1)?.entry.metrics.testAccuracy ?? lastEvalAccuracy,
    sessionImages,
    sessionSeconds: seconds(),
    durationSeconds: (saved?.durationSeconds ?? 0) + seconds(),
  });

  try {
    if (saved) {
      model.setParamValues(saved.params);
      adam.setState(saved.adam);
    } else {
      log(deviceLine(run.backend));
      await captureDue();
    }
    if (run.skipTrain) return result('completed');

    const batchesPerEpoch = Math.ceil(trainCount / run.batchSize);
    const totalImages = trainCount * run.epochs;
    for (let epoch = saved?.epoch ?? 0; epoch < run.epochs; epoch++) {
      epochShuffleState = shuffleRng.getState();
      const order = shuffledIndices(trainCount, shuffleRng);
      const firstBatch = saved && epoch === saved.epoch ? saved.batchInEpoch : 0;
      if (firstBatch === 0) {
        epochLoss = 0;
        epochImages = 0;
      }
      let capturedAtEnd = false;
      for (let b = firstBatch; b < batchesPerEpoch; b++) {
        // Let timers and signal handlers (Ctrl-C) run between batches.
        await new Promise((resolve) => setImmediate(resolve));
        if (hooks.signal?.aborted) {
          await hooks.saveCheckpoint?.(stateAt(epoch, b));
          return result('interrupted');
        }
        const indices = order.subarray(b * run.batchSize, Math.min(trainCount, (b + 1) * run.batchSize));
        const inputs = batchInputs(run.train.pixels, indices, hooks.augment, augmentRng);
        const loss = tf.tidy(() => {
          const x = tf.tensor2d(inputs, [indices.length, 784]);
          const y = tf.tensor2d(oneHot(run.train.labels, indices), [indices.length, 10]);
          const { loss, grads } = model.lossAndGradients(x, y);
          adam.apply(model.params, grads);
          return loss;
        });
        const lossValue = (await loss.data())[0]!;
        loss.dispose();
        imagesSeen += indices.length;
        sessionImages += indices.length;
        batchesSeen++;
        cumulativeLoss += lossValue * indices.length;
        epochLoss += lossValue * indices.length;
        epochImages += indices.length;
        const progress: TrainProgress = {
          epoch: epoch + 1,
          epochs: run.epochs,
          imagesSeen,
          totalImages,
          batchesSeen,
          samplesPerSecond: sessionImages / Math.max(seconds(), 1e-9),
          backend: run.backend,
        };
        hooks.onProgress?.(progress);
        capturedAtEnd = await captureDue();
        if (hooks.onBatch) await hooks.onBatch({ progress, loss: lossValue, weights: () => model.weights(names) });
      }
      // Like the reference: the epoch line reports the accuracy at the epoch's end.
      if (!capturedAtEnd) lastEvalAccuracy = evaluate();
      log(epochLine(epoch + 1, epochImages ? epochLoss / epochImages : 0, lastEvalAccuracy, imagesSeen));
      if (hooks.onEpochEnd) {
        const note = await hooks.onEpochEnd(model.weights(names), epoch + 1);
        if (typeof note === 'string') log(note);
      }
      epochLoss = 0;
      epochImages = 0;
      if (epoch + 1 < run.epochs) {
        // The next epoch's order is drawn from the generator as it stands now.
        epochShuffleState = shuffleRng.getState();
        await hooks.saveCheckpoint?.(stateAt(epoch + 1, 0));
      }
    }
    return result('completed');
  } finally {
    model.dispose();
    adam.dispose();
    testInputs.dispose();
  }
}

export { streamSeed };
