import { aheadLevel, frontOf, idleWave, nodeMix, onFrame, waveProgress, wavePosition, type WaveState } from '../../app/display/propagation-wave.js';

/**
 * The propagation wave (app/display/propagation-wave.ts) on the page's
 * clock, writing its per-layer values into the arrays the shaders read as
 * uniforms. Time can be pinned to a moment of every wave, so screenshots
 * of a wave are the same on every run.
 */
export class WavePlayer {
  private state: WaveState;
  /** When set, every wave is shown as it looks this many ms after it started. */
  private pinnedMs: number | undefined;

  constructor(
    spans: number,
    /** Per connection layer: the front's position 0..1 (uniform uFront). */
    readonly front: Float32Array,
    /** Per node layer: how far it turned to the new values 0..1 (uniform uNodeMix). */
    readonly nodeMix: Float32Array,
    /** One value: brightness of what the front has not reached yet (uniform uAhead). */
    readonly ahead: Float32Array,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.state = idleWave(spans);
    this.apply(this.state.spans);
  }

  /** A frame arrived: true when the shown state must become the new "from" (the wave starts again). */
  frame(empty: boolean): boolean {
    this.tick();
    const step = onFrame(this.state, this.clock(), empty);
    this.state = step.state;
    return step.restart;
  }

  /** Brings the uniforms to now; true while the wave still runs (another frame is wanted). */
  tick(): boolean {
    const p = wavePosition(this.state, this.now());
    this.apply(p);
    // A pinned moment does not move: no more frames needed.
    return this.pinnedMs === undefined && p < this.state.spans;
  }

  /** 0..1 over the current wave (1 when idle). */
  progress(): number {
    return waveProgress(this.state, this.now());
  }

  get kind(): WaveState['kind'] {
    return this.state.kind;
  }

  /** Pins (ms after a wave's start) or unpins (undefined) the shown moment. */
  pin(ms: number | undefined): void {
    this.pinnedMs = ms;
  }

  private now(): number {
    return this.pinnedMs === undefined ? this.clock() : this.state.startedAt + this.pinnedMs;
  }

  private apply(p: number): void {
    for (let l = 0; l < this.front.length; l++) this.front[l] = frontOf(p, l);
    for (let l = 0; l < this.nodeMix.length; l++) this.nodeMix[l] = nodeMix(p, l);
    this.ahead[0] = aheadLevel(p);
  }
}
