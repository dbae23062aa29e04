// The display page: the network in 3D, the bars, the drawing pad. One code
// path in Electron, in a Chromium kiosk window and in headless tests; it
// talks to the hub only through the contract (app/contract).
import { z } from 'zod';
import type { Strokes } from '../../app/contract/ink-schema.js';
import type { ExhibitSettings } from '../../app/contract/exhibit-settings.js';
import type { HubMessage } from '../../app/contract/hub-messages.js';
import type { ModelInfo } from '../../app/contract/model-info.js';
import { LIVE_SNAPSHOT_ID } from '../../app/contract/live-training.js';
import { languageOf, translate, type Language } from '../shared/i18n.js';
import { setupCursorHide } from '../shared/cursor-hide.js';
import { translatePage } from '../shared/translate-page.js';
import { fetchAttractDigits } from './attract/attract-digits-fetch.js';
import { createCameraPort } from './attract/attract-camera-port.js';
import { AttractMode } from './attract/attract-mode.js';
import { attractPorts } from './attract/attract-ports.js';
import { watchInput } from './attract/input-watch.js';
import { setupErrorReport } from './error-report.js';
import { LanguageToggle } from './language-toggle.js';
import { LearnMore } from './learn-more.js';
import { LiveTrainingMode } from './live-training-mode.js';
import { setupKioskGuards } from '../shared/kiosk-guards.js';
import { ClosedMode } from './closed-mode.js';
import { ConnectionLegend } from './connection-legend.js';
import type { EmphasisLevel } from './connections-mesh.js';
import { DrawingPad } from './drawing-pad.js';
import { connectHub, hubAddress, type HubClient } from './hub-client.js';
import { startFrameRateMeter } from './frame-rate-meter.js';
import { InputPreview } from './input-preview.js';
import { describeModel, subtitleFor } from './model-line.js';
import { NetworkView } from './network-view.js';
import { NeuronInspector } from './neuron-inspector.js';
import { setupOperatorOverlay } from './operator-overlay.js';
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
setupCursorHide(document.body);
// First, so an error anywhere below is caught too; reports wait for the hub's welcome.
const fallback = element('fallback');
/** Set once the hub client exists: an error before that waits in the report's queue. */
const hubRef: { client?: HubClient } = {};
let fallbackTimer: ReturnType<typeof setTimeout> | undefined;
const errorReport = setupErrorReport({
  show: () => {
    fallback.hidden = false;
    clearTimeout(fallbackTimer);
    fallbackTimer = setTimeout(() => (fallback.hidden = true), 8_000);
  },
  send: (message) => hubRef.client?.send(message) ?? false,
});
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
/** The exhibit's language (the hub's welcome): where the display returns for each new visitor. */
let exhibitLanguage: Language = language;
let welcomed = false;
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
// Live training: its button joins the timeline's; while a run learns, its weights are on the GPU.
const live = new LiveTrainingMode(document.querySelector<HTMLElement>('section.timeline') ?? document.body, document.body, {
  secret: hubAddress(location).secret,
  send: (message) => hub.send(message),
  view: () => view,
  model: () => model,
  requestRender: () => stage?.requestRender(),
  // A snapshot load still on its way is dropped when it lands (useSnapshot checks live.active).
  onBegin: () => {
    timeline.close();
    hook.weightsSnapshot = undefined;
  },
  onWeights: (parameters) => inspector?.setParameters(LIVE_SNAPSHOT_ID, parameters),
  onEnd: () => {
    hook.weightsSnapshot = undefined;
    useSnapshot(snapshotId);
  },
  hook,
});

const { url, secret } = hubAddress(location);
const frameRate = startFrameRateMeter();
const hub = connectHub({
  url,
  secret,
  fps: frameRate.fps,
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
hubRef.client = hub;

const learn = new LearnMore(element('learn-more'), element('learn'));
const toggle = new LanguageToggle(element('lang'), (next) => applyLanguage(next));
/** The last empty frame from the hub: what the wall shows when nothing is drawn. */
let blankFrame: Extract<HubMessage, { type: 'frame' }> | undefined;
/** Frames answering attract ink up to this id are stale once live mode is back. */
let attractInkUpTo = -1;
let attractInkSent = false;
const params = new URLSearchParams(location.search);
const positive = (name: string): number | undefined => {
  const v = Number(params.get(name));
  return Number.isFinite(v) && v > 0 ? v : undefined;
};
// ?idle=ms and ?scene=ms shorten attract mode's timings (tests); ?attractSeed=n fixes its digits.
const attractSeed = params.get('attractSeed');
// Attract mode's scenes of the timeline and the camera. The timeline replays the drawing on the wall: attract mode's digit, sent as ink just before.
attractPorts.timeline = { play: (_input, ms) => timeline.playThrough(ms), stop: () => timeline.close() };
if (stage) attractPorts.camera = createCameraPort(stage, () => view?.layout);
const attract = new AttractMode({
  idleMs: positive('idle') ?? 45_000,
  sceneMs: positive('scene') ?? 7_000,
  elements: { overlay: element('attract'), caption: element('attract-caption'), cta: element('attract-cta'), ink: element<HTMLCanvasElement>('attract-ink') },
  ports: attractPorts,
  digits: () => fetchAttractDigits(secret, attractSeed === null ? undefined : Number(attractSeed)),
  sendInk: (strokes) => {
    attractInkSent = true;
    inkId++;
    hub.send(strokes.length ? { type: 'ink', id: inkId, strokes, attract: true } : { type: 'clear', id: inkId, attract: true });
  },
  currentInput: () => hook.lastFrame?.input,
  text: (key, values) => translate(language, key, values),
  onStart: () => {
    learn.close();
    timeline.close();
    live.stop();
    pad.clear();
    // A new visitor: back to the exhibit's language.
    applyLanguage(exhibitLanguage);
    document.body.classList.add('attract-on');
  },
  onStop: () => {
    document.body.classList.remove('attract-on');
    attractInkUpTo = inkId;
    if (attractInkSent) {
      attractInkSent = false;
      inkId++;
      hub.send({ type: 'clear', id: inkId, attract: true });
    }
    showBlank();
  },
});
const closedMode = new ClosedMode(element('closed'), () => attract.idleMs);
let exhibitSettings: ExhibitSettings | undefined;
// ?idle= (tests) wins over the exhibit's idle timeout setting.
const idleFromUrl = positive('idle') !== undefined;
watchInput(window, () => {
  attract.input();
  closedMode.input();
});
hook.attract = {
  state: () => attract.state,
  scene: () => attract.scene,
  starts: () => attract.starts,
  stops: () => attract.stops,
  inkSent: () => attract.inkSent,
  quietMsAtStart: () => attract.quietMsAtStart,
  start: () => attract.start(),
  freeze: (ms) => attract.freeze(ms),
  ready: () => attract.ready(),
  idleMs: () => attract.idleMs,
  paused: () => attract.paused,
  pausedSkips: () => attract.pausedSkips,
  sceneList: () => attract.sceneList(),
};
hook.exhibit = { settings: () => exhibitSettings, closed: () => closedMode.closed, dimmed: () => closedMode.dimmed };
hook.pageErrors = () => errorReport.count;
// The operator menu (five taps top-left, or Ctrl+Alt+O); while it is open attract mode waits.
// ?operatorIdle=ms: how long the menu stays open untouched (default 2 min; tests shorten it).
let operatorKeepAwake: ReturnType<typeof setInterval> | undefined;
setupOperatorOverlay(
  window,
  () => language,
  (open) => {
    clearInterval(operatorKeepAwake);
    document.body.classList.toggle('operator-open', open);
    if (open) {
      attract.input();
      operatorKeepAwake = setInterval(() => attract.input(), 5_000);
    }
  },
  positive('operatorIdle'),
);
applyLanguage(language);

/** Every visitor-facing word on the page in `next` (renderer/shared/i18n.ts). */
function applyLanguage(next: Language): void {
  language = next;
  hook.language = next;
  translatePage(document, next);
  pairing.setLanguage(next);
  bars.setLanguage(next);
  banner.setLanguage(next);
  legend?.setLanguage(next);
  timeline.setLanguage(next);
  live.setLanguage(next);
  inspector?.setLanguage(next);
  element('webgl-lost-note').textContent = translate(next, 'contextLost');
  toggle.show(next);
  if (model) {
    element('subtitle').textContent = subtitleFor(model, next);
    modelLine.textContent = describeModel(model, snapshotId, backend, next);
  }
}

/** Live mode again after attract: the wall, the bars and "what the network sees" go blank at once, not when the hub answers. */
function showBlank(): void {
  const zeros = new Array<number>(784).fill(0);
  bars.update(blankFrame?.probabilities ?? [], true);
  preview.update(blankFrame?.input ?? zeros);
  if (view && blankFrame) {
    view.update({ input: blankFrame.input, hidden: blankFrame.activations.slice(0, -1), probabilities: blankFrame.probabilities });
    stage?.requestRender();
  }
}

function sendInk(strokes: Strokes): void {
  inkId++;
  hub.send(strokes.length ? { type: 'ink', id: inkId, strokes } : { type: 'clear', id: inkId });
}

function onMessage(message: HubMessage): void {
  switch (message.type) {
    case 'welcome':
      // A run this display showed may have ended while it was away; the greeting names any that goes on.
      live.reconnected();
      lastSeq = -1;
      backend = message.backend;
      useModel(message.model);
      useSnapshot(message.snapshotId);
      hook.welcome = message;
      exhibitLanguage = message.language;
      // The exhibit's language on the first welcome; a reconnect keeps a visitor's choice.
      if (!welcomed) applyLanguage(exhibitLanguage);
      welcomed = true;
      errorReport.flush();
      timeline.useModel(message.model);
      timeline.reconnected();
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
    case 'live-training':
      live.onStatus(message);
      return;
    case 'reload':
      // The operator or the watchdog (Chromium shell) asked: a fresh page is the calm way back.
      console.info(`reloading: ${message.cause}`);
      location.reload();
      return;
    case 'exhibit-settings':
      applyExhibitSettings(message);
      return;
  }
}

/** The operator's settings: idle timeout, attract scenes, the language, and whether the exhibit is open. */
function applyExhibitSettings(next: ExhibitSettings): void {
  exhibitSettings = next;
  if (!idleFromUrl) attract.setIdleMs(next.idleTimeoutS * 1000);
  attract.setScenes(next.attractScenes);
  // Closed: attract mode rests and the veil falls; the pad and the tablets still answer.
  attract.setPaused(!next.open);
  closedMode.set(!next.open);
  // An operator's change of the exhibit's language (the welcome's language otherwise: a visitor's choice survives reconnects).
  if (next.language !== exhibitLanguage) {
    exhibitLanguage = next.language;
    applyLanguage(next.language);
  }
}

function useModel(next: ModelInfo): void {
  const sameShape = model && view && model.network.architecture.join() === next.network.architecture.join();
  // Another model (even one shaped the same) means the weights on the GPU are stale.
  if (model?.id !== next.id) hook.weightsSnapshot = undefined;
  model = next;
  element('subtitle').textContent = subtitleFor(next, language);
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
  if (model) modelLine.textContent = describeModel(model, id, backend, language);
  // The live network's weights hold the GPU until its run ends (which brings this snapshot back).
  if (!model || !view || hook.weightsSnapshot === id || live.active) return;
  weightsRequest?.abort();
  const request = new AbortController();
  weightsRequest = request;
  const target = view;
  fetchSnapshotParameters(secret, id, model.network.layers, request.signal).then(
    (parameters) => {
      if (request.signal.aborted || target !== view || live.active) return;
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
  // A tablet's ink is visitor input: attract mode ends before its frame is shown.
  if (frame.pen) {
    attract.input();
    closedMode.input();
  }
  if (frame.empty) blankFrame = frame;
  // Attract ink answered after live mode came back: never left on the wall.
  if (!frame.pen && !frame.empty && frame.inkId !== null && frame.inkId <= attractInkUpTo && attract.state === 'live') return;
  hook.frames++;
  hook.lastFrame = frame;
  if (frame.snapshotId !== snapshotId && frame.snapshotId !== LIVE_SNAPSHOT_ID) useSnapshot(frame.snapshotId);
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
