import { describe, expect, it } from 'vitest';
import { AHEAD_DIM, aheadLevel, frontOf, idleWave, nodeMix, onFrame, WAVE_TIMING, waveDone, waveProgress, wavePosition, type WaveState } from '../../../../app/display/propagation-wave.js';

// 784-128-64-10: three connection layers.
const SPANS = 3;
const { fullMs, clearMs, pauseMs, catchUpMs } = WAVE_TIMING;

function frames(times: number[], empty = false): { state: WaveState; restarts: number } {
  let state = idleWave(SPANS);
  let restarts = 0;
  for (const t of times) {
    const step = onFrame(state, t, empty);
    state = step.state;
    if (step.restart) restarts++;
  }
  return { state, restarts };
}

describe('propagation wave', () => {
  it('starts idle, with everything showing the current values', () => {
    const state = idleWave(SPANS);
    expect(waveDone(state, 0)).toBe(true);
    expect(waveProgress(state, 0)).toBe(1);
    for (let l = 0; l <= SPANS; l++) expect(nodeMix(SPANS, l)).toBe(1);
  });

  it('runs a full wave for the first drawing: layer by layer, ending after fullMs', () => {
    const { state, restarts } = frames([1000]);
    expect(restarts).toBe(1);
    expect(state.kind).toBe('full');
    expect(wavePosition(state, 1000)).toBe(0);
    const at = (ms: number) => wavePosition(state, 1000 + ms);
    // The input turns at once, the last layer only at the end.
    expect(nodeMix(at(fullMs * 0.05), 0)).toBe(1);
    expect(nodeMix(at(fullMs * 0.05), 1)).toBe(0);
    // A third of the way: layer 1's connections are lit, its nodes lit, the next front on its way.
    const third = at(fullMs / 3 + 20);
    expect(frontOf(third, 0)).toBe(1);
    expect(nodeMix(third, 1)).toBe(1);
    expect(frontOf(third, 1)).toBeGreaterThan(0);
    expect(frontOf(third, 1)).toBeLessThan(1);
    expect(nodeMix(third, 3)).toBe(0);
    expect(waveDone(state, 1000 + fullMs - 1)).toBe(false);
    expect(waveDone(state, 1000 + fullMs)).toBe(true);
    expect(nodeMix(at(fullMs), 3)).toBe(1);
  });

  it('fronts and node layers move monotonically through the wave', () => {
    let lastFront = [0, 0, 0];
    let lastMix = [0, 0, 0, 0];
    for (let p = 0; p <= SPANS; p += 0.05) {
      const fronts = [0, 1, 2].map((l) => frontOf(p, l));
      const mixes = [0, 1, 2, 3].map((l) => nodeMix(p, l));
      fronts.forEach((f, l) => expect(f).toBeGreaterThanOrEqual(lastFront[l]!));
      mixes.forEach((m, l) => expect(m).toBeGreaterThanOrEqual(lastMix[l]!));
      // A layer's nodes light only once the front reached them.
      for (let l = 1; l <= 3; l++) if (mixes[l]! > 0) expect(fronts[l - 1]).toBe(1);
      lastFront = fronts;
      lastMix = mixes;
    }
  });

  it('keeps up with a pen at 60 Hz: no restarts, and the answer shows within catchUpMs of the second frame', () => {
    const times = Array.from({ length: 40 }, (_, i) => 5000 + i * 16);
    const { state, restarts } = frames(times);
    // Only the first frame of the stroke starts a wave.
    expect(restarts).toBe(1);
    expect(waveDone(state, 5000 + 16 + catchUpMs)).toBe(true);
  });

  it('catches up from where the wave is, never going back', () => {
    let { state } = frames([0]);
    const before = wavePosition(state, 100);
    state = onFrame(state, 100, false).state;
    expect(state.kind).toBe('catch-up');
    expect(wavePosition(state, 100)).toBeCloseTo(before, 10);
    expect(wavePosition(state, 100 + catchUpMs)).toBe(SPANS);
  });

  it('restarts the full wave for a drawing after a pause', () => {
    const { restarts, state } = frames([0, 16, 32, 32 + pauseMs]);
    expect(restarts).toBe(2);
    expect(state.kind).toBe('full');
    expect(state.startedAt).toBe(32 + pauseMs);
  });

  it('runs a quicker wave for a clear, and the first ink after it gets the full wave at once', () => {
    let { state } = frames([0]);
    const clear = onFrame(state, 1000, true);
    expect(clear.restart).toBe(true);
    expect(clear.state.kind).toBe('clear');
    expect(waveDone(clear.state, 1000 + clearMs)).toBe(true);
    // A second empty frame changes nothing.
    expect(onFrame(clear.state, 1010, true).restart).toBe(false);
    state = onFrame(clear.state, 1020, false).state;
    expect(state.kind).toBe('full');
  });
});

describe('what the front has not reached', () => {
  it('dims smoothly from full brightness as the wave sets off, never below AHEAD_DIM', () => {
    expect(aheadLevel(0)).toBe(1);
    let last = 1;
    for (let p = 0; p <= SPANS; p += 0.02) {
      const a = aheadLevel(p);
      expect(a).toBeLessThanOrEqual(last);
      expect(a).toBeGreaterThanOrEqual(AHEAD_DIM - 1e-12);
      last = a;
    }
    expect(aheadLevel(0.5)).toBeCloseTo(AHEAD_DIM, 12);
  });
});
