// The pen page: a full-screen drawing surface on a visitor's tablet or phone,
// paired with the exhibit over the LAN. The drawing lives here (app/pen) and
// is streamed to the hub in small batches; the network's guess comes back.
import { z } from 'zod';
import { applyDrawingEvent, drawingMessage, EMPTY_DRAWING, type DrawingEvent, type PenDrawing } from '../../app/pen/pen-drawing.js';
import { turnOf } from '../../app/pen/drawer-turn.js';
import type { DrawerView, PenAuth, PenHubMessage } from '../../app/pen/pen-messages.js';
import { BATCH_WINDOW_MS, StrokeBatcher } from '../../app/pen/stroke-batcher.js';
import { languageOf, translate, type Language, type StringKey } from '../shared/i18n.js';
import { translatePage } from '../shared/translate-page.js';
import { setupKioskGuards } from '../shared/kiosk-guards.js';
import { loadDeviceToken, newClientId, saveDeviceToken } from './device-store.js';
import { pairTokenOf } from './pair-token.js';
import { InkCanvas } from './ink-canvas.js';
import type { PenTestHook } from './pen-hook.js';
import { PenSocket, penSocketUrl, type PairProblem, type PenLink } from './pen-socket.js';
import { PinPad } from './pin-pad.js';

// zod compiles fast paths with new Function(); the page's CSP forbids eval.
z.config({ jitless: true });

function element<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`pen page is missing #${id}`);
  return el as T;
}

setupKioskGuards();
// iOS Safari pinch-zooms despite user-scalable=no unless its gesture events are refused.
for (const type of ['gesturestart', 'gesturechange', 'gestureend']) document.addEventListener(type, (e) => e.preventDefault(), { passive: false });
document.addEventListener('touchmove', (e) => e.preventDefault(), { passive: false });

let language: Language = languageOf(navigator.language);
let drawing: PenDrawing = EMPTY_DRAWING;
let drawer: DrawerView = { active: true, holder: null, idleTakeoverMs: 4_000 };
let drawerSince = Date.now();
let lastGuess: Extract<PenHubMessage, { type: 'guess' }> | undefined;
let flushTimer: ReturnType<typeof setTimeout> | undefined;
/** The hub dropped ink over its budget: the whole drawing goes again once the drops have stopped. */
let repairTimer: ReturnType<typeof setTimeout> | undefined;
/** The test hook keeps this many sent message types: a page open for months must not grow. */
const SENT_KEPT = 500;
const batcher = new StrokeBatcher();

const linkBox = element('link');
const turnLine = element('turn');
const guessDigit = element('guess-digit');
const guessLabel = element('guess-label');
const hint = element('hint');
const pinOverlay = element('pin');
const pinProblem = element('pin-problem');

const hook: PenTestHook = {
  link: 'connecting',
  problem: 'none',
  language,
  drawing,
  sent: [],
  maxBatchPoints: 0,
  welcomes: 0,
  guesses: 0,
  dropLink: () => socket.drop(),
};
(window as unknown as { __pen: PenTestHook }).__pen = hook;

const t = (key: StringKey, params?: Record<string, string | number>): string => translate(language, key, params);

const socket = new PenSocket({
  url: penSocketUrl(location),
  clientId: newClientId(),
  onLink: showLink,
  onMessage,
  onDeviceToken: saveDeviceToken,
});

const canvas = new InkCanvas(element<HTMLCanvasElement>('ink'), onDrawingEvent);
const pinPad = new PinPad(element('keypad'), element('pin-cells'), (pin) => socket.connect({ kind: 'pin', pin }));
element('undo').addEventListener('click', () => onDrawingEvent({ type: 'undo' }));
element('clear').addEventListener('click', () => onDrawingEvent({ type: 'clear' }));

function onDrawingEvent(event: DrawingEvent): void {
  const before = drawing;
  const step = applyDrawingEvent(drawing, event);
  if (!step.change) return;
  drawing = step.drawing;
  hook.drawing = drawing;
  const change = step.change;
  if (change.kind === 'begin' || change.kind === 'points') canvas.extend(drawing, change.stroke, change.points.length);
  else if (change.kind === 'undo' || change.kind === 'clear' || before.strokes.length !== drawing.strokes.length) canvas.redraw(drawing);
  hint.hidden = drawing.strokes.length > 0;
  if (change.kind === 'clear' || drawing.strokes.length === 0) showGuess(undefined);
  // Offline, nothing is queued: the whole drawing goes out after reconnecting.
  if (!socket.ready) return;
  batcher.push(change);
  flushTimer ??= setTimeout(flush, BATCH_WINDOW_MS);
}

function flush(): void {
  flushTimer = undefined;
  for (const message of batcher.take()) {
    if (!socket.send(message)) {
      batcher.drop();
      return;
    }
    hook.sent.push(message.type);
    if (hook.sent.length > SENT_KEPT) hook.sent.splice(0, hook.sent.length - SENT_KEPT);
    if ('points' in message) hook.maxBatchPoints = Math.max(hook.maxBatchPoints, message.points.length);
  }
}

/** After (re)connecting, or after the hub refused ink: its copy is stale, the whole drawing makes it right. */
function resendDrawing(): void {
  // Even an empty drawing goes: the hub may hold strokes this page has since cleared.
  batcher.replaceWith(drawingMessage(drawing).strokes);
  flushTimer ??= setTimeout(flush, BATCH_WINDOW_MS);
}

function onMessage(message: PenHubMessage): void {
  switch (message.type) {
    case 'pen-welcome':
      hook.welcomes++;
      setLanguage(message.language);
      setDrawer(message.drawer);
      resendDrawing();
      return;
    case 'drawer':
      setDrawer(message);
      return;
    case 'guess':
      hook.guesses++;
      showGuess(message);
      return;
    case 'error':
      if (message.code === 'out-of-sync') {
        // The hub's copy and ours disagree about stroke numbers: ours wins, whole.
        resendDrawing();
      } else if (message.code === 'not-your-turn') {
        // Someone else holds the pen. The hub keeps our ink and shows all of it when our next stroke
        // takes the turn; nothing is re-sent on its own, which would snatch the wall from the holder.
        setDrawer({ ...drawer, active: false, holder: drawer.holder ?? '?' });
      } else if (message.code === 'rate-limited') {
        // The hub dropped some ink: once the drops have stopped and there is room, the whole drawing puts it right.
        clearTimeout(repairTimer);
        repairTimer = setTimeout(resendDrawing, message.retryAfterMs ?? 1_000);
      } else if (message.code !== 'unauthorized' && message.code !== 'locked-out' && message.code !== 'revoked') {
        console.warn(`hub: ${message.code}: ${message.message}`);
      }
      return;
    case 'paired':
    case 'pong':
      return;
  }
}

function setDrawer(next: DrawerView): void {
  drawer = next;
  drawerSince = Date.now();
  showTurn();
}

function showTurn(): void {
  const turn = turnOf(drawer, drawerSince, Date.now());
  turnLine.textContent = turn.kind === 'yours' ? t('turnYours') : t('turnWait', { seconds: turn.seconds });
  turnLine.classList.toggle('waiting', turn.kind === 'wait');
}
setInterval(() => {
  if (!drawer.active && drawer.holder !== null) showTurn();
}, 250);

function showGuess(guess: Extract<PenHubMessage, { type: 'guess' }> | undefined): void {
  lastGuess = guess && !guess.empty && guess.digit !== null ? guess : undefined;
  guessDigit.textContent = lastGuess ? String(lastGuess.digit) : '?';
  guessLabel.textContent = lastGuess ? t('confidence', { percent: Math.round(lastGuess.confidence * 100) }) : t('guessNone');
  element('guess').classList.toggle('known', Boolean(lastGuess));
}

function showLink(link: PenLink, problem: PairProblem, retryAfterMs?: number): void {
  hook.link = link;
  hook.problem = problem;
  const key: Record<PenLink, StringKey> = { connecting: 'connecting', paired: 'paired', reconnecting: 'reconnecting', 'not-paired': 'notPaired' };
  linkBox.textContent = t(key[link]);
  linkBox.dataset.link = link;
  if (link !== 'paired') {
    clearTimeout(flushTimer);
    flushTimer = undefined;
    batcher.drop();
  }
  pinOverlay.hidden = link !== 'not-paired';
  if (link === 'not-paired') showPinProblem(problem, retryAfterMs);
}

let lockTimer: ReturnType<typeof setInterval> | undefined;
function showPinProblem(problem: PairProblem, retryAfterMs = 0): void {
  clearInterval(lockTimer);
  pinPad.reset();
  pinPad.disabled = false;
  const keys: Record<Exclude<PairProblem, 'none' | 'locked-out'>, StringKey> = { 'wrong-pin': 'pinWrong', expired: 'pinExpired', revoked: 'pinRevoked' };
  if (problem === 'locked-out') {
    const until = Date.now() + retryAfterMs;
    pinPad.disabled = true;
    const tick = (): void => {
      const left = Math.ceil((until - Date.now()) / 1000);
      if (left > 0) return void (pinProblem.textContent = t('pinLocked', { seconds: left }));
      clearInterval(lockTimer);
      pinPad.disabled = false;
      pinProblem.textContent = '';
    };
    tick();
    lockTimer = setInterval(tick, 500);
  } else {
    pinProblem.textContent = problem === 'none' ? '' : t(keys[problem]);
  }
}

function setLanguage(next: Language): void {
  language = next;
  hook.language = next;
  translatePage(document, next);
  showLink(hook.link, hook.problem);
  showGuess(lastGuess);
  showTurn();
}

function start(): void {
  setLanguage(language);
  const stored = loadDeviceToken();
  const pairToken = pairTokenOf(location.hash);
  // The one-time token must not stay in the address bar, the history or a bookmark.
  if (location.hash) history.replaceState(null, '', location.pathname + location.search);
  const pair: PenAuth | undefined = pairToken ? { kind: 'pair', token: pairToken } : undefined;
  // A paired tablet that scans the QR code again stays the same device (no new record per scan);
  // the QR token is used only if the stored one is refused.
  if (stored) socket.connect({ kind: 'device', token: stored }, pair);
  else if (pair) socket.connect(pair);
  else showLink('not-paired', 'none');
}

start();
