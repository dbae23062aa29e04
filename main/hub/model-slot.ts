import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { ModelInfo } from '../../app/contract/model-info.js';
import type { LoadedModel } from '../../app/model/loaded-model.js';
import type { ForwardResult, SnapshotWeights } from '../../app/model/types.js';
import type { BackendPreference, CreateBackend, InferenceBackend } from '../inference/backend.js';
import { HubFailure } from './hub-failure.js';
import type { HubLog } from './hub-log.js';
import { modelInfoOf } from './model-info-of.js';
import { createSerialQueue } from './serial-queue.js';
import { createWeightsCache } from './weights-cache.js';

export type LoadModel = (file: string) => Promise<LoadedModel>;

/** The model, snapshot and backend in use, as one consistent value. */
export interface ActiveModel {
  readonly model: LoadedModel;
  readonly info: ModelInfo;
  readonly snapshotId: string;
  readonly backend: InferenceBackend;
}

export interface ModelSlot {
  current(): ActiveModel;
  /** One forward pass on the backend in use, timed. */
  run(pixels: Float32Array): Promise<{ result: ForwardResult; ms: number; active: ActiveModel }>;
  /** Any snapshot's weights (for the display's GPU), cached. */
  snapshotWeights(id: string): Promise<SnapshotWeights>;
  /** Switches snapshot; on any failure the current one stays in use. */
  selectSnapshot(id: string): Promise<ActiveModel>;
  /** Switches model; a file that fails to load never replaces the model in use. */
  switchModel(file: string): Promise<ActiveModel>;
  dispose(): Promise<void>;
}

export interface ModelSlotDeps {
  readonly loadModel: LoadModel;
  readonly createBackend: CreateBackend;
  readonly preference: BackendPreference;
  readonly log: HubLog;
}

/** Loads the first model; rejects (ModelFormatError, backend errors) when it cannot be used. */
export async function createModelSlot(file: string, deps: ModelSlotDeps): Promise<ModelSlot> {
  const serial = createSerialQueue();
  let cache = createWeightsCache();
  let active = await activate(await deps.loadModel(file), undefined, cache, deps);
  deps.log.info('model loaded', { model: active.model.path, snapshot: active.snapshotId, backend: active.backend.name });

  // Swaps happen on the serial queue, after any forward pass in flight; the
  // old backend is disposed only then.
  const swap = (next: ActiveModel): Promise<ActiveModel> =>
    serial(async () => {
      const old = active;
      active = next;
      if (old.backend !== next.backend) await old.backend.dispose().catch((e: unknown) => deps.log.warn('backend dispose failed', { error: String(e) }));
      return next;
    });

  return {
    current: () => active,
    run: (pixels) =>
      serial(async () => {
        const start = performance.now();
        const result = await active.backend.run(pixels);
        return { result, ms: performance.now() - start, active };
      }),
    snapshotWeights: (id) => {
      const { model } = active;
      if (!model.timeline.some((e) => e.id === id)) return Promise.reject(new HubFailure('unknown-snapshot', `no snapshot "${id}" in ${model.name}`));
      return cache.get(id, () => loadSnapshot(model, id));
    },
    selectSnapshot: async (id) => {
      const { model } = active;
      if (id === active.snapshotId) return active;
      if (!model.timeline.some((e) => e.id === id)) throw new HubFailure('unknown-snapshot', `no snapshot "${id}" in ${model.name}`);
      const next = await activate(model, id, cache, deps, active.info);
      if (active.model !== model) {
        await next.backend.dispose();
        throw new HubFailure('model-error', 'the model changed while the snapshot was loading');
      }
      deps.log.info('snapshot selected', { snapshot: id, backend: next.backend.name });
      return swap(next);
    },
    switchModel: async (nextFile) => {
      let model: LoadedModel;
      try {
        model = await deps.loadModel(nextFile);
      } catch (error) {
        deps.log.warn('model failed to load; keeping the current one', { file: nextFile, error: String(error) });
        throw new HubFailure('model-error', error instanceof Error ? error.message : String(error));
      }
      const nextCache = createWeightsCache();
      const next = await activate(model, undefined, nextCache, deps);
      cache = nextCache;
      deps.log.info('model switched', { model: model.path, snapshot: next.snapshotId, backend: next.backend.name });
      return swap(next);
    },
    dispose: () => serial(() => active.backend.dispose()),
  };
}

/** Builds a ready ActiveModel: snapshot weights decoded, backend created. */
async function activate(
  model: LoadedModel,
  snapshotId: string | undefined,
  cache: ReturnType<typeof createWeightsCache>,
  deps: ModelSlotDeps,
  // A fresh id per load, also across restarts, so displays know cached weights are stale.
  info: ModelInfo = modelInfoOf(model, `${path.basename(model.path).replace(/\.[^.]*$/, '')}-${randomBytes(4).toString('hex')}`),
): Promise<ActiveModel> {
  const id = snapshotId ?? model.defaultSnapshotId;
  const weights = await cache.get(id, () => loadSnapshot(model, id));
  const backend = await deps.createBackend(weights, model.network.normalization, deps.preference);
  // "auto" may have fallen back to the JS forward pass: say why, once per backend.
  if (backend.fallbackReason) deps.log.warn('inference backend fell back', { backend: backend.name, reason: backend.fallbackReason });
  return { model, info, snapshotId: id, backend };
}

async function loadSnapshot(model: LoadedModel, id: string): Promise<SnapshotWeights> {
  try {
    return await model.loadSnapshot(id);
  } catch (error) {
    throw new HubFailure('model-error', error instanceof Error ? error.message : String(error));
  }
}
