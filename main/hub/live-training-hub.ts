import { hubError, type HubError } from '../../app/contract/hub-error.js';
import type { HubMessage } from '../../app/contract/hub-messages.js';
import { LIVE_SNAPSHOT_ID, type LiveTrainingRequest, type LiveTrainingStatus } from '../../app/contract/live-training.js';
import { weightsLayout } from '../../app/contract/snapshot-weights-layout.js';
import type { DenseLayer } from '../../app/model/types.js';
import { layerNames } from '../../app/train/layer-names.js';
import { createJsBackend } from '../inference/js-backend.js';
import { liveTrainingProblem } from '../train/live/live-fit.js';
import { createLiveTrainingController, type LiveTrainingController, type LiveTrainingOptions } from '../train/live/live-training-controller.js';
import type { LiveProgress } from '../train/live/live-worker-messages.js';
import type { HubLog } from './hub-log.js';
import type { ActiveModel, ModelSlot } from './model-slot.js';
import { littleEndianBytes } from './pack-weights.js';

export interface LiveTrainingHubDeps {
  /** The model in use: its architecture is copied, and it answers again when the run ends. */
  readonly slot: ModelSlot;
  readonly log: HubLog;
  /** To every display (bound late: the sockets come after the pipeline that needs this slot). */
  readonly broadcast: (message: HubMessage) => void;
  /** Runs the current drawing again: on every new set of live weights, and back on the model in use at the end. */
  readonly rerun: () => void;
  readonly options?: LiveTrainingOptions;
}

export interface LiveTrainingHub {
  /** What the ink pipeline runs: the live network while a run has weights, the model in use otherwise. */
  readonly slot: ModelSlot;
  /** A display's start or stop; a refusal comes back as the error to send it. */
  request(action: LiveTrainingRequest['action']): HubError | undefined;
  /** The run in progress (a display that connects mid-run gets this), undefined when none runs. */
  status(): LiveTrainingStatus | undefined;
  /**
   * The newest live weights as the binary body of GET /api/live-training/weights,
   * kept after the run ends (a display's fetch may cross the end) until the next start.
   */
  weights(): { readonly version: number; readonly body: Buffer } | undefined;
  /** Stops any run (e.g. before the model in use changes shape) and waits for its worker to go. */
  stop(): Promise<void>;
  dispose(): Promise<void>;
}

interface LiveNetwork {
  readonly version: number;
  readonly body: Buffer;
  readonly active: ActiveModel;
}

/**
 * The hub's side of live training: owns the worker's controller (one run at
 * a time), keeps the newest weights, tells every display how the run goes,
 * and swaps the live network in for the visitors' drawings while it learns.
 * The model in use is never touched: when the run ends, its slot simply
 * answers again.
 */
export function createLiveTrainingHub(deps: LiveTrainingHubDeps): LiveTrainingHub {
  const controller: LiveTrainingController = createLiveTrainingController(deps.options);
  let run: LiveTrainingStatus | undefined;
  let live: LiveNetwork | undefined;
  let lastWeights: { version: number; body: Buffer } | undefined;

  const slot: ModelSlot = {
    current: () => deps.slot.current(),
    run: async (pixels) => {
      const network = live;
      if (!network) return deps.slot.run(pixels);
      const start = performance.now();
      const result = await network.active.backend.run(pixels);
      return { result, ms: performance.now() - start, active: network.active };
    },
    snapshotWeights: (id) => deps.slot.snapshotWeights(id),
    selectSnapshot: (id) => deps.slot.selectSnapshot(id),
    switchModel: (file) => deps.slot.switchModel(file),
    dispose: () => deps.slot.dispose(),
  };

  const announce = (next: LiveTrainingStatus): void => {
    run = next;
    deps.broadcast(next);
  };
  const withProgress = (base: LiveTrainingStatus, p: LiveProgress | undefined): LiveTrainingStatus =>
    p
      ? { ...base, imagesSeen: p.imagesSeen, totalImages: p.totalImages, batches: p.batches, epoch: p.epoch, epochs: p.epochs, loss: Number.isFinite(p.loss) ? p.loss : null, testAccuracy: p.testAccuracy, samplesPerSecond: p.samplesPerSecond }
      : base;

  function start(): HubError | undefined {
    if (run && (run.state === 'starting' || run.state === 'running')) return hubError('live-training-refused', 'a live training run is already in progress');
    const base = deps.slot.current();
    const problem = liveTrainingProblem(base.model.network);
    if (problem) return hubError('live-training-refused', problem);
    const architecture = base.model.network.architecture;
    // Named as the worker's trainer names them (app/train/layer-names.ts, pure: no tfjs in the hub).
    const layers = layerNames(architecture).map((layer, i) => ({ ...layer, inDim: architecture[i]!, outDim: architecture[i + 1]! }));
    const layout = weightsLayout(layers);
    let normalization = base.model.network.normalization;
    let version = 0;
    const started = controller.start(architecture.slice(1, -1), {
      onStarted: (info) => {
        normalization = info.normalization;
        deps.log.info('live training started', { backend: info.backend, trainImages: info.trainImages, testImages: info.testImages, totalImages: info.totalImages });
        if (run) announce({ ...run, state: 'running', backend: info.backend, testImages: info.testImages, totalImages: info.totalImages });
      },
      onUpdate: (progress, packed) => {
        version++;
        const dense: DenseLayer[] = layers.map((layer, i) => {
          const slice = layout.layers[i]!;
          return { ...layer, weights: packed.subarray(slice.weightsOffset, slice.weightsOffset + slice.weightsLength), biases: packed.subarray(slice.biasesOffset, slice.biasesOffset + slice.biasesLength) };
        });
        live = {
          version,
          body: littleEndianBytes(packed),
          active: { ...deps.slot.current(), snapshotId: LIVE_SNAPSHOT_ID, backend: createJsBackend({ layers: dense }, normalization) },
        };
        lastWeights = live;
        if (run) announce(withProgress({ ...run, state: 'running', version }, progress));
        // The visitor's digit, answered by the network as it is now.
        deps.rerun();
      },
      onEnd: (end) => {
        live = undefined;
        const last = run ?? idleStatus(base.info.id);
        run = undefined;
        if (end.status === 'failed') deps.log.warn('live training failed', { error: end.error ?? 'unknown' });
        else deps.log.info(`live training ${end.status}`, { imagesSeen: end.progress?.imagesSeen ?? 0, testAccuracy: end.progress?.testAccuracy ?? null });
        deps.broadcast({ ...withProgress(last, end.progress), state: end.status, ...(end.error ? { error: end.error.slice(0, 2_000) } : {}) });
        // Back to the model in use.
        deps.rerun();
      },
    });
    if (!started.ok) return hubError('live-training-refused', started.reason);
    lastWeights = undefined;
    announce({ ...idleStatus(base.info.id), state: 'starting', epochs: started.config.epochs });
    return undefined;
  }

  return {
    slot,
    request: (action) => {
      if (action === 'start') return start();
      // Stopping when nothing runs is fine: the run may have ended a moment ago.
      void controller.stop();
      return undefined;
    },
    status: () => run,
    weights: () => lastWeights && { version: lastWeights.version, body: lastWeights.body },
    stop: () => controller.stop(),
    dispose: () => controller.dispose(),
  };
}


function idleStatus(modelId: string): LiveTrainingStatus {
  return { type: 'live-training', state: 'starting', modelId, version: 0, imagesSeen: 0, totalImages: 0, batches: 0, epoch: 0, epochs: 0, loss: null, testAccuracy: null, testImages: 0, samplesPerSecond: 0, backend: '' };
}
