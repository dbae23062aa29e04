import type { ClientMessage } from '../../app/contract/client-messages.js';
import type { Frame } from '../../app/contract/frame.js';
import type { ModelInfo } from '../../app/contract/model-info.js';
import type { TimelineFrame } from '../../app/contract/timeline-frame.js';
import { argmax } from '../../app/model/forward.js';
import type { Language } from '../shared/i18n.js';
import type { NetworkView } from './network-view.js';
import type { KioskTestHook, TimelineHookState } from './test-hook-types.js';
import { decodeTimelineFrame, mixInto, pairAt, type DecodedEntry } from './timeline-mix.js';
import { TimelinePanel } from './timeline-panel.js';
import { loadTimelineWeights, type TimelineWeights } from './timeline-weights.js';

export interface TimelineModeDeps {
  readonly secret: string;
  readonly send: (message: ClientMessage) => void;
  /** The network view in use (a new model may replace it). */
  readonly view: () => NetworkView | undefined;
  readonly requestRender: () => void;
  /** The bars: the scrubbed snapshot's probabilities while the timeline is open. */
  readonly showProbabilities: (probabilities: readonly number[], empty: boolean) => void;
  /** Leaving the timeline: show the last live frame again. */
  readonly showLive: () => void;
  readonly hook: KioskTestHook;
}

/** Seconds the play button takes from random weights to the last snapshot. */
const PLAY_SECONDS = 14;

/**
 * The timeline: visitors scrub from random weights to the trained network
 * and watch their own digit classified by every snapshot. Weights of every
 * snapshot sit on the GPU (timeline-weights.ts, once per model); the hub sends
 * every snapshot's answer to the drawing (timeline-frame); a position between
 * two snapshots mixes their weights in the shader and their activations here
 * (~200 floats), so a scrub step uploads only the ~1k activations.
 */
export class TimelineMode {
  private readonly panel: TimelinePanel;
  private model: ModelInfo | undefined;
  private weights: TimelineWeights | undefined;
  private loading: AbortController | undefined;
  private entries: DecodedEntry[] | undefined;
  private entriesSeq = -1;
  private live: Frame | undefined;
  private open = false;
  private position = 0;
  private playing = 0;
  private playFrom = 0;
  private playStart = 0;
  // Scrubbing allocates nothing: the mixed values land in these.
  private mixedHidden: Float32Array[] = [];
  private mixedProbabilities = new Float32Array(0);
  private probabilityList: number[] = [];
  private readonly state: TimelineHookState = { open: false, position: 0, pair: ['', ''], mix: 0, snapshotsOnGpu: 0, weightsBytes: 0, scrubUploadBytes: 0, scrubSteps: 0, frames: 0, shownSeq: -1, lastFrame: undefined, loadMs: 0 };

  constructor(parent: HTMLElement, private readonly deps: TimelineModeDeps) {
    this.panel = new TimelinePanel(parent, {
      onOpen: () => this.setOpen(true),
      onClose: () => this.setOpen(false),
      onScrub: (p) => {
        this.stop();
        this.scrubTo(p);
      },
      onPlay: () => (this.playing ? this.stop() : this.play()),
    });
    deps.hook.timeline = this.state;
    this.panel.setOpen(false);
  }

  get isOpen(): boolean {
    return this.open;
  }

  /**
   * Opens the timeline at random weights and plays to the trained network
   * over about `ms` (attract mode). It shows the drawing the wall shows now:
   * the hub answers it with every snapshot (timeline-frame) once open.
   */
  playThrough(ms: number): void {
    if (!this.model) return;
    this.setOpen(true);
    this.stop();
    this.scrubTo(0);
    this.play(ms / 1000);
  }

  /** Back to live: closes the timeline if open. */
  close(): void {
    this.setOpen(false);
  }

  /** A model from the welcome: new ticks; another model's weights and answers are stale. */
  useModel(model: ModelInfo): void {
    const changed = this.model?.id !== model.id;
    this.model = model;
    const hiddenSizes = model.network.architecture.slice(1, -1);
    this.mixedHidden = hiddenSizes.map((n) => new Float32Array(n));
    const classes = model.network.architecture.at(-1) ?? 10;
    this.mixedProbabilities = new Float32Array(classes);
    this.probabilityList = new Array<number>(classes).fill(0);
    if (!changed) return;
    this.dropWeights();
    this.entries = undefined;
    this.panel.setEntries(model.timeline);
    this.panel.setGuesses(undefined, -1);
    this.position = Math.min(this.position, model.timeline.length - 1);
    if (this.open) this.loadWeights();
  }

  setLanguage(language: Language): void {
    this.panel.setLanguage(language);
    this.panel.setPosition(this.position);
  }

  /** After a (re)connect the hub has forgotten that this display watches the timeline. */
  reconnected(): void {
    if (this.open) this.deps.send({ type: 'timeline', open: true });
  }

  /** Every live frame: its input is what the timeline's entries answer. */
  liveFrame(frame: Frame): void {
    this.live = frame;
  }

  timelineFrame(frame: TimelineFrame): void {
    if (!this.open || !this.model || frame.modelId !== this.model.id) return;
    try {
      this.entries = decodeTimelineFrame(frame, this.model.network.architecture.slice(1, -1));
    } catch (error) {
      console.warn(`timeline frame ignored: ${String(error)}`);
      return;
    }
    this.entriesSeq = frame.seq;
    this.state.frames++;
    this.state.lastFrame = frame;
    const guesses = this.entries.map((e) => {
      const digit = argmax(e.probabilities);
      return { digit, confidence: e.probabilities[digit] ?? 0 };
    });
    this.panel.setGuesses(frame.empty ? undefined : guesses, guesses.at(-1)?.digit ?? -1);
    this.panel.setNote(frame.empty ? 'timelineDraw' : this.weights ? undefined : 'timelineLoading');
    this.apply();
  }

  private setOpen(open: boolean): void {
    if (open === this.open || !this.model) return;
    this.open = open;
    this.state.open = open;
    this.panel.setOpen(open);
    this.deps.send({ type: 'timeline', open });
    if (open) {
      // Start where the exhibit stands: the hub's current snapshot.
      const current = this.live?.snapshotId ?? this.model.defaultSnapshotId;
      this.position = Math.max(0, this.model.timeline.findIndex((t) => t.id === current));
      this.panel.setPosition(this.position);
      this.panel.setNote('timelineLoading');
      this.loadWeights();
      return;
    }
    this.stop();
    this.entries = undefined;
    this.deps.view()?.useLiveWeights();
    this.deps.showLive();
  }

  private loadWeights(): void {
    const model = this.model;
    if (!model || this.loading || this.weights?.modelId === model.id) return;
    const request = new AbortController();
    this.loading = request;
    const start = performance.now();
    loadTimelineWeights(this.deps.secret, model, request.signal).then(
      (weights) => {
        if (this.loading === request) this.loading = undefined;
        if (request.signal.aborted || this.model?.id !== model.id) return weights.dispose();
        this.weights = weights;
        this.state.snapshotsOnGpu = weights.snapshots;
        this.state.weightsBytes = weights.bytes;
        this.state.loadMs = Math.round(performance.now() - start);
        if (this.open) {
          this.panel.setNote(this.live?.empty === false ? undefined : 'timelineDraw');
          this.apply();
        }
      },
      (error: unknown) => {
        if (this.loading === request) this.loading = undefined;
        if (!request.signal.aborted) console.warn(`timeline weights not loaded: ${String(error)}`);
      },
    );
  }

  private dropWeights(): void {
    this.loading?.abort();
    this.loading = undefined;
    this.weights?.dispose();
    this.weights = undefined;
    this.state.snapshotsOnGpu = 0;
    this.deps.view()?.useLiveWeights();
  }

  private scrubTo(position: number): void {
    if (!this.model) return;
    this.position = Math.min(this.model.timeline.length - 1, Math.max(0, position));
    this.panel.setPosition(this.position);
    this.apply();
  }

  /** Shows `position`: weights mixed in the shader, activations mixed here, the bars for the scrubbed snapshot. */
  private apply(): void {
    const model = this.model;
    const view = this.deps.view();
    if (!this.open || !model) return;
    const { a, b, t } = pairAt(this.position, model.timeline.length);
    this.state.position = this.position;
    this.state.pair = [model.timeline[a]?.id ?? '', model.timeline[b]?.id ?? ''];
    this.state.mix = t;
    const weights = this.weights;
    let uniformBytes = 0;
    if (view && weights) {
      view.weightSource.useTimeline(weights.texture, a, b, t);
      for (let l = 0; l < weights.layers; l++) {
        const sa = weights.scales[a * weights.layers + l] as number;
        const sb = weights.scales[b * weights.layers + l] as number;
        view.weightScale[l] = (1 - t) * sa + t * sb;
      }
      uniformBytes = (4 + weights.layers) * 4;
    }
    const ea = this.entries?.[a];
    const eb = this.entries?.[b];
    if (!ea || !eb || !this.live) {
      this.deps.requestRender();
      return;
    }
    this.mixedHidden.forEach((out, l) => mixInto(out, ea.hidden[l] ?? [], eb.hidden[l] ?? [], t));
    mixInto(this.mixedProbabilities, ea.probabilities, eb.probabilities, t);
    for (let k = 0; k < this.probabilityList.length; k++) this.probabilityList[k] = this.mixedProbabilities[k] as number;
    if (view) {
      const bytes = view.update({ input: this.live.input, hidden: this.mixedHidden, probabilities: this.mixedProbabilities });
      this.state.scrubUploadBytes = bytes + uniformBytes;
      this.state.scrubSteps++;
      this.deps.hook.uploads.lastUpdateBytes = bytes;
    }
    this.state.shownSeq = this.entriesSeq;
    this.deps.showProbabilities(this.probabilityList, this.live.empty);
    this.deps.requestRender();
  }

  private play(seconds = PLAY_SECONDS): void {
    if (!this.model) return;
    const last = this.model.timeline.length - 1;
    this.playFrom = this.position >= last - 1e-3 ? 0 : this.position;
    this.playStart = performance.now();
    this.panel.setPlaying(true);
    const step = (now: number): void => {
      const p = Math.min(last, this.playFrom + ((now - this.playStart) / 1000) * (last / seconds));
      this.scrubTo(p);
      if (p >= last) return this.stop();
      this.playing = requestAnimationFrame(step);
    };
    this.playing = requestAnimationFrame(step);
  }

  private stop(): void {
    cancelAnimationFrame(this.playing);
    this.playing = 0;
    this.panel.setPlaying(false);
  }
}
