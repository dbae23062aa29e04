import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { ModelInfo } from '../../app/contract/model-info.js';
import { checkExhibitFit } from '../../app/model/exhibit-fit.js';
import type { LoadedModel } from '../../app/model/loaded-model.js';
import type { ForwardResult, SnapshotWeights } from '../../app/model/types.js';
import { backendNotesOf, type BackendPreference, type CreateBackend, type InferenceBackend } from '../inference/backend.js';
import { HubFailure } from './hub-failure.js';
import type { HubLog } from './hub-log.js';
import { modelInfoOf } from './model-info-of.js';
import { createSerialQueue } from './serial-queue.js';
import { createWeightsCache, type WeightsCache } from './weights-cache.js';

export type LoadModel = (file: string) => Promise<LoadedModel>;

/** The model, snapshot and backend in use, as one consistent value. */
export interface ActiveModel {
  readonly model: LoadedModel;
  readonly info: ModelInfo;
  readonly snapshotId: string;
  readonly backend: InferenceBackend;
  /**
   * This model's decoded snapshots (the only cache: the loader reads and
   * parses on every call). It travels with the model it belongs to, so that
   * snapshot ids two models share (e.g. "dataset_50x") can never mix.
   */
  readonly weights: WeightsCache;
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
export async function createModelSlot(file: string, deps: ModelSlotDeps, snapshotId?: string): Promise<ModelSlot> {
  const serial = createSerialQueue();
  const first = await deps.loadModel(file);
  checkExhibitFit(first);
  if (snapshotId !== undefined && !first.timeline.some((e) => e.id === snapshotId)) {
    throw new HubFailure('unknown-snapshot', `no snapshot "${snapshotId}" in ${first.name}; it has ${first.timeline.map((e) => e.id).join(', ')}`);
  }
  let active = await activate(first, snapshotId, createWeightsCache(), deps);
  deps.log.info('model loaded', { model: active.model.path, snapshot: active.snapshotId, ...backendFields(active.backend) });

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
      // One read of `active`: the model and its cache always belong together.
      const { model, weights } = active;
      if (!model.timeline.some((e) => e.id === id)) return Promise.reject(new HubFailure('unknown-snapshot', `no snapshot "${id}" in ${model.name}`));
      return weights.get(id, () => loadSnapshot(model, id));
    },
    selectSnapshot: async (id) => {
      const { model } = active;
      if (id === active.snapshotId) return active;
      if (!model.timeline.some((e) => e.id === id)) throw new HubFailure('unknown-snapshot', `no snapshot "${id}" in ${model.name}`);
      const next = await activate(model, id, active.weights, deps, active.info);
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
        checkExhibitFit(model);
      } catch (error) {
        deps.log.warn('model failed to load; keeping the current one', { file: nextFile, error: String(error) });
        throw new HubFailure('model-error', error instanceof Error ? error.message : String(error));
      }
      const next = await activate(model, undefined, createWeightsCache(), deps);
      deps.log.info('model switched', { model: model.path, snapshot: next.snapshotId, ...backendFields(next.backend) });
      return swap(next);
    },
    dispose: () => serial(() => active.backend.dispose()),
  };
}

/** Builds a ready ActiveModel: snapshot weights decoded, backend created. */
async function activate(
  model: LoadedModel,
  snapshotId: string | undefined,
  cache: WeightsCache,
  deps: ModelSlotDeps,
  // A fresh id per load, also across restarts, so displays know cached weights are stale.
  info: ModelInfo = modelInfoOf(model, `${path.basename(model.path).replace(/\.[^.]*$/, '')}-${randomBytes(4).toString('hex')}`),
): Promise<ActiveModel> {
  const id = snapshotId ?? model.defaultSnapshotId;
  const weights = await cache.get(id, () => loadSnapshot(model, id));
  const backend = await deps.createBackend(weights, model.network.normalization, deps.preference);
  // "auto" may have fallen back to the JS forward pass: say why, once per backend.
  if (backend.fallbackReason) deps.log.warn('inference backend fell back', { backend: backend.name, reason: backend.fallbackReason });
  return { model, info, snapshotId: id, backend, weights: cache };
}

/** The backend as the log shows it: its name and, when there are any, why better ones were skipped. */
function backendFields(backend: InferenceBackend): { backend: string; backendNotes?: string[] } {
  const notes = backendNotesOf(backend);
  return notes.length ? { backend: backend.name, backendNotes: notes } : { backend: backend.name };
}

async function loadSnapshot(model: LoadedModel, id: string): Promise<SnapshotWeights> {
  try {
    return await model.loadSnapshot(id);
  } catch (error) {
    throw new HubFailure('model-error', error instanceof Error ? error.message : String(error));
  }
}
