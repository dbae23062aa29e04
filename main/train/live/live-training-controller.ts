import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { findPackageRoot } from '../../hub/package-root.js';
import type { ControllerToWorker, LiveProgress, LiveRunConfig, LiveRunInfo, WorkerToController } from './live-worker-messages.js';

/** What a live run reports, in order: started, updates, then exactly one end. */
export interface LiveTrainingEvents {
  onStarted?(info: LiveRunInfo): void;
  /** The weights after `progress.batches` batches, packed (see pack-live-weights.ts); the buffer is the receiver's. */
  onUpdate?(progress: LiveProgress, packed: Float32Array): void;
  /**
   * The run is over and its worker gone: completed all its passes, stopped on
   * request, or failed (the worker crashed, ran out of memory or could not
   * load MNIST; `error` says which). Never thrown: a failed run is news, not
   * a hub crash.
   */
  onEnd?(end: LiveRunEnd): void;
}

export interface LiveRunEnd {
  readonly status: 'completed' | 'stopped' | 'failed';
  readonly progress: LiveProgress | undefined;
  readonly error?: string;
}

export interface LiveTrainingOptions {
  /** Settings for every run (hiddenDims comes with each start). */
  readonly run?: Partial<Omit<LiveRunConfig, 'hiddenDims'>>;
  /** The worker's heap limits: a runaway run fails alone instead of taking the hub's memory. */
  readonly resourceLimits?: ResourceLimits;
  /** How long a stopped worker may take to finish its batch before it is terminated. */
  readonly stopGraceMs?: number;
  /** The built worker (default: next to this bundle, or dist/main/ of the package when running from sources). */
  readonly workerFile?: string;
}

export type StartResult = { readonly ok: true; readonly config: LiveRunConfig } | { readonly ok: false; readonly reason: string };

export interface LiveTrainingController {
  /** Starts a run; refused while one runs. */
  start(hiddenDims: readonly number[], events: LiveTrainingEvents): StartResult;
  /** Asks the run to stop at its next batch; resolves when its worker is gone (at once when none runs). */
  stop(): Promise<void>;
  readonly running: boolean;
  /** Stops any run and waits for its worker to go. */
  dispose(): Promise<void>;
}

/** MNIST's bytes and the backend's memory live outside the JS heap; the heap itself needs little. */
const DEFAULT_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 512 };

/**
 * A run long enough to watch (two passes over MNIST) and short enough for a
 * visitor. Tested on the first 2,000 test digits: the early milestones come
 * every few batches, and a test of all 10,000 there stalled the stream of
 * weights (about 2 updates a second instead of 4 on the 2-core dev machine).
 */
export const LIVE_RUN_DEFAULTS: Omit<LiveRunConfig, 'hiddenDims' | 'seed'> = {
  epochs: 2,
  testLimit: 2_000,
  batchSize: 64,
  lr: 1e-3,
  publishEveryMs: 250,
  batchPauseMs: 0,
};

/**
 * Starts and stops the live-training worker thread: one run at a time, each
 * from fresh random weights (a new seed per run unless one is set). Whatever
 * the worker does - finish, throw, run out of memory, exit - ends in exactly
 * one onEnd, and the worker is gone by then.
 */
export function createLiveTrainingController(options: LiveTrainingOptions = {}): LiveTrainingController {
  let current: { worker: Worker; exited: Promise<void> } | undefined;
  const workerFile = options.workerFile ?? defaultWorkerFile();

  function start(hiddenDims: readonly number[], events: LiveTrainingEvents): StartResult {
    if (current) return { ok: false, reason: 'a live training run is already in progress' };
    if (!existsSync(workerFile)) return { ok: false, reason: `the training worker is not built (${workerFile}); run npm run build` };
    const config: LiveRunConfig = {
      ...LIVE_RUN_DEFAULTS,
      seed: Math.floor(Math.random() * 2 ** 31),
      ...options.run,
      hiddenDims: [...hiddenDims],
    };
    const worker = new Worker(workerFile, { workerData: config, resourceLimits: options.resourceLimits ?? DEFAULT_LIMITS });
    let latest: LiveProgress | undefined;
    let end: LiveRunEnd | undefined;
    const finish = (next: LiveRunEnd): void => {
      end ??= next;
    };
    worker.on('message', (message: WorkerToController) => {
      switch (message.kind) {
        case 'started':
          return events.onStarted?.(message.info);
        case 'update':
          latest = message.progress;
          return events.onUpdate?.(message.progress, message.packed);
        case 'done':
          return finish({ status: message.status, progress: message.progress ?? latest });
        case 'failed':
          return finish({ status: 'failed', progress: latest, error: message.message });
      }
    });
    // An uncaught error or a heap over its limit: the worker is dying; 'exit' follows.
    worker.on('error', (error: Error & { code?: string }) => finish({ status: 'failed', progress: latest, error: error.code ? `${error.code}: ${error.message}` : error.message }));
    const exited = new Promise<void>((resolve) => {
      worker.once('exit', (code) => {
        if (current?.worker === worker) current = undefined;
        finish({ status: 'failed', progress: latest, error: `the training worker exited with code ${code} without finishing` });
        events.onEnd?.(end!);
        resolve();
      });
    });
    current = { worker, exited };
    return { ok: true, config };
  }

  async function stop(): Promise<void> {
    const run = current;
    if (!run) return;
    run.worker.postMessage({ kind: 'stop' } satisfies ControllerToWorker);
    // A batch takes milliseconds; a worker that does not answer is ended.
    const timer = setTimeout(() => void run.worker.terminate(), options.stopGraceMs ?? 5_000);
    await run.exited;
    clearTimeout(timer);
  }

  return {
    start,
    stop,
    get running() {
      return current !== undefined;
    },
    dispose: stop,
  };
}

/** dist/main/live-training-worker.js: beside the bundle that imports this, or in the package when running from sources (tests). */
function defaultWorkerFile(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const beside = path.join(here, 'live-training-worker.js');
  return existsSync(beside) ? beside : path.join(findPackageRoot(), 'dist', 'main', 'live-training-worker.js');
}
