// The display page: the network in 3D, the bars, the drawing pad. One code
// path in Electron, in a Chromium kiosk window and in headless tests; it
// talks to the hub only through the contract (app/contract).
import { z } from 'zod';
import type { Strokes } from '../../app/contract/ink-schema.js';
import type { HubMessage } from '../../app/contract/hub-messages.js';
import type { ModelInfo } from '../../app/contract/model-info.js';
import { languageOf, translate, type Language } from '../shared/i18n.js';
import { setupKioskGuards } from '../shared/kiosk-guards.js';
import { ConnectionLegend } from './connection-legend.js';
import type { EmphasisLevel } from './connections-mesh.js';
import { DrawingPad } from './drawing-pad.js';
import { connectHub, hubAddress } from './hub-client.js';
import { InputPreview } from './input-preview.js';
import { describeModel, subtitleFor } from './model-line.js';
import { NetworkView } from './network-view.js';
import { NeuronInspector } from './neuron-inspector.js';
import { PairingPanel } from './pairing-panel.js';
import { ProbabilityBars } from './probability-bars.js';
import { Stage } from './stage.js';
import { StatusBanner } from './status-banner.js';
import { installTestHook } from './test-hook.js';
import { TimelineMode } from './timeline-mode.js';
import { fetchSnapshotParameters } from './weights-fetch.js';

// zod compiles fast paths with new Function(); the page's CSP forbids eval,
// and even the probe would be reported as a CSP violation.
z.config({ jitless: true });

function element<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`display page is missing #${id}`);
  return el as T;
}

/**
 * Without WebGL (a blocklisted driver, a GPU process that keeps crashing) the
 * 3D view is left out and says so calmly; the pad, the bars and "what the
 * network sees" still work, so visitors keep an exhibit that answers them.
 */
function createStage(canvas: HTMLCanvasElement): Stage | undefined {
  try {
    return new Stage(canvas);
  } catch (error) {
    console.warn(`3D view unavailable: ${error instanceof Error ? error.message : String(error)}`);
    document.body.classList.add('no-3d');
    return undefined;
  }
}

setupKioskGuards();
const stage = createStage(element<HTMLCanvasElement>('network'));
const hook = installTestHook(stage, element<HTMLCanvasElement>('preview'));
const bars = new ProbabilityBars(element<HTMLOListElement>('bars'), { box: element('guess'), digit: element('guess-digit'), label: element('guess-label') });
const preview = new InputPreview(element<HTMLCanvasElement>('preview'));
const banner = new StatusBanner(element('status'), element('status-text'));
const hint = element('pad-hint');
const modelLine = element('model-line');
const pairing = new PairingPanel(element('pairing'), element('pairing-qr'), element('pairing-pin'), element('pairing-line'), element('pairing-pin-label'), languageOf(navigator.language));

// ?connections=N caps the lines drawn per layer (default: every connection).
const cap = Number(new URLSearchParams(location.search).get('connections'));
const maxConnectionsPerLayer = Number.isFinite(cap) && cap > 0 ? cap : Infinity;
// ?waveAt=MS shows every propagation wave as it looks MS after it started (screenshots); __kiosk.wave.freezeAt does the same.
const waveAtParam = new URLSearchParams(location.search).get('waveAt');
let wavePin: number | undefined = waveAtParam !== null && Number.isFinite(Number(waveAtParam)) ? Number(waveAtParam) : undefined;
let emphasis: EmphasisLevel = 'balanced';
/** The newest answer waits for the wave to reach the output layer before the bars show it. */
let pendingBars: { probabilities: number[]; empty: boolean } | undefined;
// ?inspectorIdle=ms: how long the neuron inspector stays open without a touch (default 30 s, before attract mode).
const inspectorIdle = Number(new URLSearchParams(location.search).get('inspectorIdle'));
const inspector = stage && new NeuronInspector(stage, element('inspector'), element('pad-panel'), inspectorIdle > 0 ? inspectorIdle : 30_000, (state) => (hook.inspected = state));
if (inspector) hook.neuronPosition = (layer, index) => inspector.screenPosition(layer, index);

let view: NetworkView | undefined;
let model: ModelInfo | undefined;
let snapshotId = '';
let backend = '';
let lastSeq = -1;
let inkId = 0;
let weightsRequest: AbortController | undefined;
let language: Language = languageOf(navigator.language);
/** The wall shows the pad's ink (its last frame was ours): a tablet taking over then wipes the pad. */
let padShown = false;
/** The pad's ink was refused (a tablet holds the turn) and the wait is not over yet. */
let padRetry: ReturnType<typeof setTimeout> | undefined;
let padTurnTicker: ReturnType<typeof setInterval> | undefined;
const padTurn = element('pad-turn');
const timeline = new TimelineMode(document.body, {
  secret: hubAddress(location).secret,
  send: (message) => hub.send(message),
  view: () => view,
  requestRender: () => stage?.requestRender(),
  showProbabilities: (probabilities, empty) => bars.update(probabilities, empty),
  showLive: () => hook.lastFrame && showValues(hook.lastFrame),
  hook,
});

const { url, secret } = hubAddress(location);
const hub = connectHub({
  url,
  secret,
  onStatus: (status) => {
    hook.status = status;
    banner.show(status);
  },
  onMessage,
});

const legend = stage
  ? new ConnectionLegend(element('legend'), (level) => {
      emphasis = level;
      view?.setEmphasis(level);
      stage.requestRender();
    }, language)
  : undefined;
if (stage) {
  stage.animate = () => {
    const running = view?.tick() ?? false;
    if (pendingBars && (!view || view.wave.progress() >= 1)) showBars();
    return running;
  };
}
hook.wave = {
  progress: () => view?.wave.progress() ?? 1,
  kind: () => view?.wave.kind ?? 'idle',
  freezeAt: (ms) => {
    wavePin = ms ?? undefined;
    view?.wave.pin(wavePin);
    stage?.requestRender();
  },
};
hook.emphasis = () => view?.emphasis ?? 0;

const pad = new DrawingPad(element<HTMLCanvasElement>('pad'), (ink) => {
  hint.classList.toggle('hidden', ink.strokes.length > 0);
  if (ink.strokes.length === 0) {
    padShown = false;
    endPadWait();
  }
  sendInk(ink.strokes as Strokes);
});
element('clear').addEventListener('click', () => pad.clear());

function sendInk(strokes: Strokes): void {
  inkId++;
  hub.send(strokes.length ? { type: 'ink', id: inkId, strokes } : { type: 'clear', id: inkId });
}

function onMessage(message: HubMessage): void {
  switch (message.type) {
    case 'welcome':
      lastSeq = -1;
      backend = message.backend;
      useModel(message.model);
      useSnapshot(message.snapshotId);
      hook.welcome = message;
      language = message.language;
      pairing.setLanguage(language);
      bars.setLanguage(language);
      legend?.setLanguage(language);
      timeline.useModel(message.model);
      timeline.setLanguage(language);
      timeline.reconnected();
      inspector?.setLanguage(language);
      element('webgl-lost-note').textContent = translate(language, 'contextLost');
      // The pad is the source of truth: after a reconnect (or a hub restart) the hub gets the drawing again.
      if (pad.ink.strokes.length) sendInk(pad.ink.strokes as Strokes);
      return;
    case 'snapshot':
      backend = message.backend;
      useSnapshot(message.snapshotId);
      return;
    case 'frame':
      if (message.seq <= lastSeq) return;
      lastSeq = message.seq;
      showFrame(message);
      return;
    case 'error':
      if (message.code === 'not-your-turn') {
        // A refusal of ink the visitor has since cleared needs no note.
        if (pad.ink.strokes.length > 0) padWait(message.retryAfterMs ?? 1_000);
        return;
      }
      console.warn(`hub: ${message.code}: ${message.message}`);
      return;
    case 'pong':
      return;
    case 'pairing':
      pairing.show(message);
      return;
    case 'timeline-frame':
      timeline.timelineFrame(message);
      return;
  }
}

function useModel(next: ModelInfo): void {
  const sameShape = model && view && model.network.architecture.join() === next.network.architecture.join();
  // Another model (even one shaped the same) means the weights on the GPU are stale.
  if (model?.id !== next.id) hook.weightsSnapshot = undefined;
  model = next;
  element('subtitle').textContent = subtitleFor(next);
  if (sameShape || !stage) return;
  view?.dispose();
  view = new NetworkView(next.network.architecture, maxConnectionsPerLayer);
  view.setEmphasis(emphasis);
  view.wave.pin(wavePin);
  view.connect(stage.scene);
  inspector?.setNetwork(view.layout, next.network);
  hook.connections = view.connectionCount;
  hook.weightsSnapshot = undefined;
  stage.frame(view.layout);
}

function useSnapshot(id: string): void {
  snapshotId = id;
  if (model) modelLine.textContent = describeModel(model, id, backend);
  if (!model || !view || hook.weightsSnapshot === id) return;
  weightsRequest?.abort();
  const request = new AbortController();
  weightsRequest = request;
  const target = view;
  fetchSnapshotParameters(secret, id, model.network.layers, request.signal).then(
    (parameters) => {
      if (request.signal.aborted || target !== view) return;
      hook.uploads.weightsBytes = target.setWeights(parameters.weights);
      inspector?.setParameters(id, parameters);
      hook.weightsSnapshot = id;
      stage?.requestRender();
    },
    (error: unknown) => {
      // The hub went away or a newer snapshot replaced this one; the next welcome retries.
      if (!request.signal.aborted) console.warn(`weights of ${id} not loaded: ${String(error)}`);
    },
  );
}

function showFrame(frame: Extract<HubMessage, { type: 'frame' }>): void {
  hook.frames++;
  hook.lastFrame = frame;
  if (frame.snapshotId !== snapshotId) useSnapshot(frame.snapshotId);
  timeline.liveFrame(frame);
  // With the timeline open, its frame (right behind this one) shows the scrubbed snapshot instead.
  if (!timeline.isOpen) showValues(frame);
  if (frame.pen) {
    // A tablet took the turn from the pad after it went idle: the pad's old digit is gone from the wall, so from the pad too.
    if (padShown && !padRetry) pad.clear();
  } else if (frame.inkId === inkId && !frame.empty) {
    padShown = true;
  }
  inspector?.setFrame(frame);
  preview.update(frame.input);
}

/** The live frame in the network and the bars. */
function showValues(frame: Extract<HubMessage, { type: 'frame' }>): void {
  if (view) {
    hook.uploads.lastUpdateBytes = view.update({ input: frame.input, hidden: frame.activations.slice(0, -1), probabilities: frame.probabilities, empty: frame.empty });
    // The bars follow when the wave reaches the output (at once while drawing continuously).
    pendingBars = { probabilities: frame.probabilities, empty: frame.empty };
    stage?.requestRender();
  } else {
    bars.update(frame.probabilities, frame.empty);
  }
}

function showBars(): void {
  if (!pendingBars) return;
  bars.update(pendingBars.probabilities, pendingBars.empty);
  pendingBars = undefined;
}

/**
 * A tablet holds the turn: say how long on the pad. The pad's ink is not sent
 * again on its own when the wait is over (that would snatch the wall from the
 * tablet's visitor); the pad's next stroke sends all of it.
 */
function padWait(ms: number): void {
  endPadWait();
  const until = Date.now() + ms;
  const tick = (): void => {
    padTurn.textContent = translate(language, 'padTurnWait', { seconds: Math.max(1, Math.ceil((until - Date.now()) / 1000)) });
  };
  tick();
  padTurn.hidden = false;
  padTurnTicker = setInterval(tick, 250);
  padRetry = setTimeout(endPadWait, ms);
}

function endPadWait(): void {
  clearTimeout(padRetry);
  clearInterval(padTurnTicker);
  padRetry = undefined;
  padTurn.hidden = true;
}
