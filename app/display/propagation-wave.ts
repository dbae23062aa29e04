/**
 * How a new answer travels through the drawn network: a front runs along
 * the connections of one layer after another, and each layer's neurons light
 * up when it arrives. Pure timing, no drawing: the display turns the values
 * below into shader uniforms, tests drive it with made-up clocks.
 *
 * The wave position p runs from 0 to `spans` (the number of connection
 * layers). Within span l the front crosses connection layer l during the
 * first FRONT_SHARE of it, and node layer l+1 turns to the new values
 * during the last NODE_SHARE; the input (node layer 0) turns at once.
 */
export interface WaveTiming {
  /** A whole wave, for a new digit after a pause or a clear (ms). */
  readonly fullMs: number;
  /** A clear going dark, as a quicker wave (ms). */
  readonly clearMs: number;
  /** Quiet time after which a frame counts as a new drawing and gets the full wave (ms). */
  readonly pauseMs: number;
  /** Frames arriving while a wave runs (a pen drawing at 60 Hz) leave at most this much of it (ms): latency stays low. */
  readonly catchUpMs: number;
}

export const WAVE_TIMING: WaveTiming = { fullMs: 420, clearMs: 260, pauseMs: 300, catchUpMs: 34 };

const FRONT_SHARE = 0.8;
const NODE_SHARE = 1 - FRONT_SHARE;
const INPUT_SHARE = 0.12;

export interface WaveState {
  /** Connection layers: the wave ends at p = spans. */
  readonly spans: number;
  /** Wave position at `since`, and how fast it moves on (per ms). */
  readonly p0: number;
  readonly since: number;
  readonly rate: number;
  /** When the last frame arrived (-Infinity before the first), and whether it was empty. */
  readonly lastFrameAt: number;
  readonly lastEmpty: boolean;
  /** Time the current wave started, for pinning screenshots to a moment of it. */
  readonly startedAt: number;
  readonly kind: 'idle' | 'full' | 'clear' | 'catch-up';
}

/** What the display does with a frame: `restart` = the shown state becomes the new "from" and the wave starts again. */
export type WaveStep = { readonly state: WaveState; readonly restart: boolean };

export function idleWave(spans: number): WaveState {
  return { spans, p0: spans, since: 0, rate: 0, lastFrameAt: -Infinity, lastEmpty: true, startedAt: -Infinity, kind: 'idle' };
}

/** Wave position at `now`, 0..spans. */
export function wavePosition(state: WaveState, now: number): number {
  return Math.min(state.spans, state.p0 + Math.max(0, now - state.since) * state.rate);
}

export function waveDone(state: WaveState, now: number): boolean {
  return wavePosition(state, now) >= state.spans;
}

/**
 * A frame arrived at `now`. A new drawing (after a pause, or the first ink
 * after a clear) and a clear start a wave from the start; a frame that
 * follows closely (drawing continuously) keeps the running wave where it is,
 * retargets it to the new values and lets it finish within catchUpMs, so
 * the answer keeps up with the pen.
 */
export function onFrame(state: WaveState, now: number, empty: boolean, timing: WaveTiming = WAVE_TIMING): WaveStep {
  const spans = state.spans;
  const quiet = now - state.lastFrameAt >= timing.pauseMs;
  const stamp = { lastFrameAt: now, lastEmpty: empty };
  if (empty) {
    if (state.lastEmpty) return { state: { ...state, ...stamp }, restart: false };
    return { state: { ...state, ...stamp, p0: 0, since: now, rate: spans / timing.clearMs, startedAt: now, kind: 'clear' }, restart: true };
  }
  if (quiet || state.lastEmpty) {
    return { state: { ...state, ...stamp, p0: 0, since: now, rate: spans / timing.fullMs, startedAt: now, kind: 'full' }, restart: true };
  }
  const p = wavePosition(state, now);
  const rate = Math.max(state.rate, (spans - p) / timing.catchUpMs);
  return { state: { ...state, ...stamp, p0: p, since: now, rate, kind: p >= spans ? 'idle' : 'catch-up' }, restart: false };
}

/** How far node layer `layer` (0 = input) has turned from the old values to the new ones, 0..1. */
export function nodeMix(p: number, layer: number): number {
  if (layer === 0) return clamp01(p / INPUT_SHARE);
  return smooth(clamp01((p - (layer - 1) - (1 - NODE_SHARE)) / NODE_SHARE));
}

/** Where the front is along connection layer `layer` (from its source layer), 0..1. */
export function frontOf(p: number, layer: number): number {
  return clamp01((p - layer) / FRONT_SHARE);
}

/**
 * Brightness of what the front has not reached yet: it fades to AHEAD_DIM as
 * the wave sets off, so the new answer visibly sweeps through; no jump, since
 * it starts at 1 (and at rest there is nothing ahead of a front).
 */
export const AHEAD_DIM = 0.3;
export function aheadLevel(p: number): number {
  return 1 - (1 - AHEAD_DIM) * smooth(clamp01(p / INPUT_SHARE));
}

/** Overall progress 0..1, for tests and the bars (which follow when it reaches 1). */
export function waveProgress(state: WaveState, now: number): number {
  return state.spans > 0 ? wavePosition(state, now) / state.spans : 1;
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

function smooth(x: number): number {
  return x * x * (3 - 2 * x);
}
