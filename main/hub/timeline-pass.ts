import type { TimelineEntryValues, TimelineFrame } from '../../app/contract/timeline-frame.js';
import { encodeBase64 } from '../../app/model/base64.js';
import { encodeFloat16 } from '../../app/model/float16.js';
import { forward } from '../../app/model/forward.js';
import { parameterCount, type SnapshotWeights } from '../../app/model/types.js';
import type { HubLog } from './hub-log.js';
import type { ActiveModel, ModelSlot } from './model-slot.js';

/** The live frame a timeline pass answers, with the exact input the backend saw. */
export interface TimelineJob {
  readonly seq: number;
  readonly inkId: number | null;
  readonly empty: boolean;
  readonly input: Float32Array;
}

export interface TimelinePass {
  /** A live frame went out: remember its input and, while someone watches the timeline, classify it by every snapshot. */
  frameSent(job: TimelineJob): void;
  /** How many displays have the timeline open changed; 0 -> n loads the snapshots (once per model) and answers the last drawing. */
  setWatchers(count: number): void;
  /** Resolves once nothing is pending or running (tests, shutdown). */
  idle(): Promise<void>;
  dispose(): void;
}

/**
 * Every snapshot stays decoded in memory while the timeline is in use: 15 MB
 * for the default model; a custom model with large layers and a long timeline
 * could ask for gigabytes, and gets no timeline pass instead (logged).
 */
export const MAX_TIMELINE_BYTES = 512 * 1024 * 1024;

/** Every snapshot of one model, decoded, kept in memory while the model is in use (15 MB for the default 35). */
interface Loaded {
  readonly active: ActiveModel;
  readonly snapshots: readonly { readonly id: string; readonly weights: SnapshotWeights }[];
}

/**
 * The timeline's forward passes: the visitor's drawing through every
 * snapshot with the JS forward pass (app/model/forward.ts), so that a display
 * can morph between any two of them. It runs after the live frame has been
 * sent and yields to the event loop between snapshots, so a new pen sample's
 * live frame never waits for more than one snapshot's pass (~0.3 ms). Latest
 * wins, as in the ink pipeline: a newer drawing abandons the pass in flight.
 * Nothing is loaded or computed while no display has the timeline open.
 */
export function createTimelinePass(slot: ModelSlot, send: (frame: TimelineFrame) => void, log: HubLog): TimelinePass {
  let watchers = 0;
  let latest: TimelineJob | undefined;
  let pending: TimelineJob | undefined;
  let running: Promise<void> | undefined;
  let loaded: { readonly modelId: string; readonly promise: Promise<Loaded> } | undefined;
  let disposed = false;
  let failures = 0;

  /** Every snapshot of the model in use, loaded once per model (the slot's cache shares the decoding). */
  function load(): Promise<Loaded> {
    const active = slot.current();
    if (loaded?.modelId === active.info.id) return loaded.promise;
    const bytes = parameterCount(active.model.network.layers) * active.model.timeline.length * 4;
    if (bytes > MAX_TIMELINE_BYTES) {
      return Promise.reject(new Error(`the timeline of ${active.model.name} needs ${Math.round(bytes / 2 ** 20)} MB of weights in memory, over the ${MAX_TIMELINE_BYTES / 2 ** 20} MB the hub allows it`));
    }
    const promise = Promise.all(active.model.timeline.map(async (e) => ({ id: e.id, weights: await slot.snapshotWeights(e.id) }))).then((snapshots) => ({ active, snapshots }));
    const entry = { modelId: active.info.id, promise };
    // A failed load is tried again on the next drawing, not cached.
    promise.catch(() => {
      if (loaded === entry) loaded = undefined;
    });
    loaded = entry;
    return promise;
  }

  async function drain(): Promise<void> {
    while (pending && watchers > 0 && !disposed) {
      const job = pending;
      pending = undefined;
      try {
        const { active, snapshots } = await load();
        const start = performance.now();
        const entries: TimelineEntryValues[] = [];
        const { normalization } = active.model.network;
        for (const { id, weights } of snapshots) {
          // Give a newer drawing's live frame the event loop, then drop this stale pass.
          await yieldToEventLoop();
          if (pending || disposed || watchers === 0) break;
          entries.push(entryOf(id, forward(weights.layers, job.input, normalization)));
        }
        if (entries.length !== snapshots.length || slot.current().info.id !== active.info.id) continue;
        send({ type: 'timeline-frame', seq: job.seq, inkId: job.inkId, empty: job.empty, modelId: active.info.id, snapshots: entries, passMs: Math.round((performance.now() - start) * 1000) / 1000 });
      } catch (error) {
        // Sparingly: a model whose timeline cannot load fails on every drawing.
        failures++;
        if (failures <= 3 || failures % 100 === 0) log.warn('timeline pass failed', { error: error instanceof Error ? error.message : String(error), failures });
      }
    }
  }

  function kick(): void {
    if (running || !pending || watchers === 0 || disposed) return;
    running = drain().finally(() => {
      running = undefined;
      kick();
    });
  }

  return {
    frameSent(job) {
      latest = job;
      if (watchers === 0 || disposed) return;
      pending = job;
      kick();
    },
    setWatchers(count) {
      const opened = watchers === 0 && count > 0;
      watchers = count;
      if (opened && latest) {
        pending = latest;
        kick();
      }
    },
    idle: async () => {
      while (running) await running;
    },
    dispose() {
      disposed = true;
      pending = undefined;
    },
  };
}

function entryOf(snapshotId: string, result: ReturnType<typeof forward>): TimelineEntryValues {
  const hiddenLayers = result.activations.slice(0, -1);
  const hidden = new Float32Array(hiddenLayers.reduce((n, a) => n + a.length, 0));
  let offset = 0;
  for (const a of hiddenLayers) {
    hidden.set(a, offset);
    offset += a.length;
  }
  return { snapshotId, probabilities: Array.from(result.probabilities, significant4), hidden: encodeBase64(encodeFloat16(hidden)) };
}

/** Four significant digits: 0.9871, 0.0001234; small probabilities stay honest, the JSON stays short. */
export function significant4(value: number): number {
  return value === 0 || !Number.isFinite(value) ? 0 : Number(value.toPrecision(4));
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
