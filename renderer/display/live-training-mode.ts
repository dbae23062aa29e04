import type { ClientMessage } from '../../app/contract/client-messages.js';
import { LIVE_SNAPSHOT_ID, LIVE_VERSION_HEADER, LIVE_WEIGHTS_PATH, type LiveTrainingStatus } from '../../app/contract/live-training.js';
import type { ModelInfo } from '../../app/contract/model-info.js';
import { weightsLayout } from '../../app/contract/snapshot-weights-layout.js';
import type { Language } from '../shared/i18n.js';
import { LiveTrainingPanel } from './live-training-panel.js';
import type { NetworkView } from './network-view.js';
import type { KioskTestHook } from './test-hook-types.js';
import type { SnapshotParameters } from './weights-fetch.js';

export interface LiveTrainingDeps {
  readonly secret: string;
  readonly send: (message: ClientMessage) => boolean;
  readonly view: () => NetworkView | undefined;
  readonly model: () => ModelInfo | undefined;
  readonly requestRender: () => void;
  /** A live run began on this display: the timeline closes, pending snapshot loads are dropped. */
  readonly onBegin: () => void;
  /** New live weights are on the GPU (the neuron inspector's numbers follow). */
  readonly onWeights: (parameters: SnapshotParameters) => void;
  /** The run is over: the model in use's snapshot goes back on the GPU. */
  readonly onEnd: () => void;
  readonly hook: KioskTestHook;
}

/** How long "finished" stays up before the exhibit is back to normal. */
const DONE_MS = 8_000;

/**
 * Live training on the display: the button that asks the hub for a run,
 * then, as the hub announces new weights (a few a second), one fetch of the
 * newest ones at a time straight onto the GPU (NetworkView.setWeights; the
 * drawing's activations come with the hub's frames as always). A slow page
 * skips versions instead of queueing them. When the run ends the model in
 * use's weights return.
 */
export class LiveTrainingMode {
  private readonly panel: LiveTrainingPanel;
  private status: LiveTrainingStatus | undefined;
  /** Version on the GPU, and the newest one announced. */
  private shown = 0;
  /** The fetch in flight, if any. Never aborted (an aborted request reads as a failure); a stale answer is dropped. */
  private fetching: object | undefined;
  /** Bumped when a run begins or ends: answers for another run are stale. */
  private generation = 0;
  private doneTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly state: NonNullable<KioskTestHook['live']>;

  constructor(beside: HTMLElement, parent: HTMLElement, private readonly deps: LiveTrainingDeps) {
    this.panel = new LiveTrainingPanel(beside, parent, {
      onStart: () => deps.send({ type: 'live-training', action: 'start' }),
      onStop: () => (this.active ? this.stop() : this.finish()),
    });
    this.state = { state: 'idle', version: 0, uploads: 0, uploadBytes: 0, text: () => this.panel.text() };
    deps.hook.live = this.state;
  }

  /** A run is starting or learning: frames come from the live network, the GPU holds its weights. */
  get active(): boolean {
    return this.status?.state === 'starting' || this.status?.state === 'running';
  }

  setLanguage(language: Language): void {
    this.panel.setLanguage(language);
  }

  /** Asks the hub to stop the run (attract mode, the stop button). */
  stop(): void {
    if (this.active) this.deps.send({ type: 'live-training', action: 'stop' });
  }

  /** A live-training message from the hub. */
  onStatus(message: LiveTrainingStatus): void {
    const wasActive = this.active;
    this.status = message;
    this.state.state = message.state;
    if (this.active) {
      clearTimeout(this.doneTimer);
      if (!wasActive) {
        this.generation++;
        this.fetching = undefined;
        document.body.classList.add('live-on');
        this.shown = 0;
        this.deps.onBegin();
      }
      this.panel.show(message);
      if (message.version > this.shown) this.fetchNewest();
      return;
    }
    if (!wasActive) return;
    // Over: back to the model in use at once; "finished" stays up a moment.
    this.generation++;
    this.fetching = undefined;
    this.deps.onEnd();
    if (message.state === 'completed') {
      this.panel.show(message);
      this.doneTimer = setTimeout(() => this.finish(), DONE_MS);
    } else {
      this.finish();
    }
    if (message.state === 'failed') console.warn(`live training failed: ${message.error ?? 'unknown'}`);
  }

  /** The hub's connection came back: it tells us about any run in its greeting. */
  reconnected(): void {
    if (this.active) this.onStatus({ ...this.status!, state: 'stopped' });
  }

  private finish(): void {
    clearTimeout(this.doneTimer);
    this.panel.show(undefined);
    document.body.classList.remove('live-on');
  }

  private fetchNewest(): void {
    const model = this.deps.model();
    if (this.fetching || !model) return;
    const request = {};
    const generation = this.generation;
    const current = (): boolean => generation === this.generation && this.active;
    this.fetching = request;
    const layout = weightsLayout(model.network.layers);
    let ok = false;
    fetch(LIVE_WEIGHTS_PATH, { headers: { Authorization: `Bearer ${this.deps.secret}` }, cache: 'no-store' })
      .then(async (response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const version = Number(response.headers.get(LIVE_VERSION_HEADER));
        const buffer = await response.arrayBuffer();
        if (buffer.byteLength !== layout.length * 4) throw new Error(`${buffer.byteLength} bytes, expected ${layout.length * 4}`);
        if (!current()) return;
        const view = this.deps.view();
        const parameters: SnapshotParameters = {
          weights: layout.layers.map((s) => new Float32Array(buffer, s.weightsOffset * 4, s.weightsLength)),
          biases: layout.layers.map((s) => new Float32Array(buffer, s.biasesOffset * 4, s.biasesLength)),
        };
        if (view) {
          const bytes = view.setWeights(parameters.weights);
          this.deps.hook.uploads.weightsBytes = bytes;
          this.state.uploadBytes = bytes;
        }
        ok = true;
        this.shown = Math.max(this.shown, version);
        this.state.version = this.shown;
        this.state.uploads++;
        this.deps.hook.weightsSnapshot = LIVE_SNAPSHOT_ID;
        this.deps.onWeights(parameters);
        this.deps.requestRender();
      })
      .catch((error: unknown) => {
        if (current()) console.warn(`live weights not loaded: ${String(error)}`);
      })
      .finally(() => {
        if (this.fetching !== request) return;
        this.fetching = undefined;
        // Newer weights were announced meanwhile: fetch those (the ones in between are skipped).
        // After a failure the next announcement tries again, so a broken hub is not hammered.
        if (ok && current() && this.status && this.status.version > this.shown) this.fetchNewest();
      });
  }
}
