import type { AttractDigit, AttractDigitsResponse } from '../../../app/contract/attract-digits.js';
import type { Strokes } from '../../../app/contract/ink-schema.js';
import { attractPosition, attractScenes, digitNumber, strokesPrefix, type AttractPosition, type AttractSceneName } from '../../../app/kiosk/attract-schedule.js';
import type { StringKey } from '../../shared/i18n.js';
import type { AttractPorts, CameraPreset } from './attract-ports.js';

export interface AttractElements {
  /** The layer that holds the caption and the call to action; hidden in live mode. */
  readonly overlay: HTMLElement;
  readonly caption: HTMLElement;
  readonly cta: HTMLElement;
  /** Over the drawing pad: where the MNIST digits are drawn as if by hand. */
  readonly ink: HTMLCanvasElement;
}

export interface AttractOptions {
  readonly idleMs: number;
  readonly sceneMs: number;
  readonly elements: AttractElements;
  readonly ports: AttractPorts;
  /** Real MNIST test digits as strokes (the hub's /api/attract-digits). */
  readonly digits: () => Promise<AttractDigitsResponse>;
  /** Sends a drawing through the real pipeline (as the pad's ink), so the network really classifies it. */
  readonly sendInk: (strokes: Strokes) => void;
  /** The input the wall shows now (the timeline scene replays it on every snapshot). */
  readonly currentInput: () => readonly number[] | undefined;
  readonly text: (key: StringKey, params?: Record<string, string | number>) => string;
  /** Attract mode begins (the page clears the pad, closes overlays). */
  readonly onStart: () => void;
  /** Back to live mode: the page restores a blank live state. */
  readonly onStop: () => void;
}

export type AttractState = 'live' | 'attract';

/** Ink is sent to the hub at most this often while a digit is drawn: the wall follows the pen without flooding the pipeline. */
const SEND_EVERY_MS = 120;
/** Of a digit scene, the first part draws, the rest lets the answer stand. */
const DRAW_FRACTION = 0.6;
const FLIGHT: readonly CameraPreset[] = ['input', 'hidden', 'output'];

/**
 * Attract mode: after `idleMs` without input the display loops through its
 * scenes (app/kiosk/attract-schedule.ts) until any input, which ends it in
 * the same task, so the very next animation frame is live. It allocates no
 * GPU resources of its own (DOM and a 2D canvas only); the parts it drives
 * through `ports` are asked to go home when it stops.
 */
export class AttractMode {
  state: AttractState = 'live';
  /** How many times attract mode started and stopped (tests, health). */
  starts = 0;
  stops = 0;
  /** Drawings sent through the pipeline so far. */
  inkSent = 0;
  /** How long there had been no input when the idle timer last started attract mode. */
  quietMsAtStart = 0;
  /** Outside the opening hours: the idle timer does not start attract mode (tests count the times it held back). */
  paused = false;
  pausedSkips = 0;
  /** The idle timeout now (the exhibit's setting; options.idleMs until the hub says). */
  idleMs: number;
  /** The scenes the operator chose (undefined: all). */
  private allowed: readonly AttractSceneName[] | undefined;
  private position: AttractPosition | undefined;
  private scenes: AttractSceneName[] = [];
  private startedAt = 0;
  private lastInputAt = performance.now();
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private frame = 0;
  private frozenAt: number | undefined;
  private handful: AttractDigitsResponse | undefined;
  private loading: Promise<void> | undefined;
  private sentPoints = -1;
  private sentAt = -Infinity;
  private flightStep = -1;
  private readonly ctx: CanvasRenderingContext2D;

  constructor(private readonly options: AttractOptions) {
    this.ctx = options.elements.ink.getContext('2d') as CanvasRenderingContext2D;
    this.idleMs = options.idleMs;
    this.arm(options.idleMs);
  }

  /** A new idle timeout: counted from the last input, as if it had always been this. */
  setIdleMs(ms: number): void {
    this.idleMs = ms;
    if (this.state === 'live') this.arm(Math.max(0, ms - (performance.now() - this.lastInputAt)));
  }

  /** The scenes the operator chose; the next start plays them. */
  setScenes(allowed: readonly AttractSceneName[]): void {
    this.allowed = allowed;
  }

  /** The scenes a start would play now. */
  sceneList(): AttractSceneName[] {
    return attractScenes({ timeline: !!this.options.ports.timeline, camera: !!this.options.ports.camera }, this.allowed);
  }

  /** Paused (the exhibit is closed): attract mode ends, and the idle timer does not start it again until unpaused. */
  setPaused(paused: boolean): void {
    if (paused === this.paused) return;
    this.paused = paused;
    if (paused && this.state === 'attract') this.stop();
    else if (!paused) this.arm(Math.max(0, this.idleMs - (performance.now() - this.lastInputAt)));
  }

  /** The scene playing now, for tests: null in live mode. */
  get scene(): { name: AttractSceneName; index: number; loop: number } | null {
    const p = this.position;
    return this.state === 'attract' && p ? { name: p.scene, index: p.index, loop: p.loop } : null;
  }

  /** Any visitor input: in attract mode it ends it at once; either way the idle clock starts again. */
  input(): void {
    this.lastInputAt = performance.now();
    if (this.state === 'attract') this.stop();
  }

  /** Starts attract mode now (the idle timer does this; tests may too). */
  start(): void {
    if (this.state === 'attract') return;
    this.state = 'attract';
    this.starts++;
    this.scenes = this.sceneList();
    this.startedAt = performance.now();
    this.position = undefined;
    this.options.onStart();
    this.options.elements.overlay.hidden = false;
    this.loading ??= this.options.digits().then(
      (handful) => {
        this.handful = handful;
      },
      (error: unknown) => {
        // No digits (the hub is away): the digit scenes stay empty; the next start tries again.
        this.loading = undefined;
        console.warn(`attract digits not loaded: ${String(error)}`);
      },
    );
    this.tick();
  }

  /** Holds the loop at `elapsedMs` since the start (screenshots at a fixed time); undefined lets it run again. */
  freeze(elapsedMs: number | undefined): void {
    this.frozenAt = elapsedMs;
    if (this.state === 'attract') this.render(this.elapsed());
  }

  /** Resolves once the handful of digits is here (tests). */
  async ready(): Promise<void> {
    await this.loading;
  }

  private stop(): void {
    this.state = 'live';
    this.stops++;
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    if (this.position) this.leave(this.position.scene);
    this.position = undefined;
    this.options.elements.overlay.hidden = true;
    this.clearInk();
    this.options.onStop();
    this.arm(this.idleMs);
  }

  private arm(ms: number): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      if (this.state === 'attract') return;
      if (this.paused) {
        this.pausedSkips++;
        return this.arm(this.idleMs);
      }
      const quiet = performance.now() - this.lastInputAt;
      if (quiet >= this.idleMs) {
        this.start();
        this.quietMsAtStart = quiet;
      }
      else this.arm(this.idleMs - quiet);
    }, ms);
  }

  private elapsed(): number {
    return this.frozenAt ?? performance.now() - this.startedAt;
  }

  private readonly tick = (): void => {
    this.frame = 0;
    if (this.state !== 'attract') return;
    this.render(this.elapsed());
    this.frame = requestAnimationFrame(this.tick);
  };

  private render(elapsedMs: number): void {
    const next = attractPosition(this.scenes, this.options.sceneMs, elapsedMs);
    const prev = this.position;
    if (!prev || prev.index !== next.index || prev.loop !== next.loop) {
      // A slow frame can jump past a digit's end: it is finished first, so the pad and the wall never keep half a digit.
      if (prev?.scene === 'digit') this.drawDigit({ ...prev, t: 1 });
      if (prev) this.leave(prev.scene);
      this.position = next;
      this.enter(next);
    }
    this.position = next;
    if (next.scene === 'digit') this.drawDigit(next);
    if (next.scene === 'camera') this.fly(next.t);
  }

  private enter(p: AttractPosition): void {
    const { caption, cta } = this.options.elements;
    cta.hidden = p.scene !== 'cta';
    caption.hidden = p.scene === 'cta';
    caption.textContent = '';
    this.sentPoints = -1;
    this.flightStep = -1;
    if (p.scene === 'digit') this.clearInk();
    if (p.scene === 'timeline') {
      caption.textContent = this.options.text('attractTimeline');
      const input = this.options.currentInput();
      if (input) this.options.ports.timeline?.play(input, this.options.sceneMs);
    }
    if (p.scene === 'camera') caption.textContent = this.options.text('attractCamera');
  }

  private leave(scene: AttractSceneName): void {
    if (scene === 'timeline') this.options.ports.timeline?.stop();
    if (scene === 'camera') this.options.ports.camera?.home();
  }

  private fly(t: number): void {
    const step = Math.min(FLIGHT.length - 1, Math.floor(t * FLIGHT.length));
    if (step === this.flightStep) return;
    this.flightStep = step;
    this.options.ports.camera?.flyTo(FLIGHT[step] as CameraPreset, this.options.sceneMs / FLIGHT.length);
  }

  private digit(p: AttractPosition): AttractDigit | undefined {
    const digits = this.handful?.digits;
    return digits?.length ? digits[digitNumber(this.scenes, p) % digits.length] : undefined;
  }

  private drawDigit(p: AttractPosition): void {
    const digit = this.digit(p);
    if (!digit || !this.handful) return;
    const { caption } = this.options.elements;
    if (!caption.textContent) caption.textContent = this.options.text('attractDigit', { label: digit.label });
    const fraction = Math.min(1, p.t / DRAW_FRACTION);
    const points = this.paint(digit.strokes, fraction, this.handful.surface);
    const now = performance.now();
    if (points !== this.sentPoints && (fraction >= 1 || this.frozenAt !== undefined || now - this.sentAt >= SEND_EVERY_MS)) {
      this.sentPoints = points;
      this.sentAt = now;
      this.inkSent++;
      this.options.sendInk(strokesPrefix(digit.strokes, fraction) as Strokes);
    }
  }

  /** Paints the first `fraction` of the strokes with a glowing pen tip; returns how many points that is. */
  private paint(strokes: AttractDigit['strokes'], fraction: number, surface: number): number {
    const { ctx } = this;
    const canvas = this.options.elements.ink;
    const ratio = Math.min(window.devicePixelRatio || 1, 2);
    const w = Math.round(canvas.clientWidth * ratio);
    const h = Math.round(canvas.clientHeight * ratio);
    if (canvas.width !== w || canvas.height !== h) {
      canvas.width = w;
      canvas.height = h;
    }
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, w, h);
    const scale = Math.min(w, h) / surface;
    ctx.setTransform(scale, 0, 0, scale, (w - surface * scale) / 2, (h - surface * scale) / 2);
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.strokeStyle = '#f4f7fb';
    // As thick, relative to the pad, as a visitor's finger line (drawing-pad.ts).
    ctx.lineWidth = surface / 16;
    const total = strokes.reduce((n, s) => n + s.length, 0);
    let left = Math.round(fraction * total);
    const shown = left;
    let tip: readonly number[] | undefined;
    for (const stroke of strokes) {
      if (left <= 0) break;
      const count = Math.min(left, stroke.length);
      left -= count;
      ctx.beginPath();
      for (let i = 0; i < count; i++) {
        const [x, y] = stroke[i] as [number, number];
        if (i === 0) ctx.moveTo(x, y);
        else ctx.lineTo(x, y);
      }
      if (count === 1) ctx.lineTo((stroke[0] as [number, number])[0] + 0.01, (stroke[0] as [number, number])[1]);
      ctx.stroke();
      tip = stroke[count - 1];
    }
    if (tip && fraction < 1) {
      // The pen tip: a warm glow where the "hand" is now.
      ctx.fillStyle = 'rgba(255, 180, 92, 0.9)';
      ctx.shadowColor = 'rgba(255, 180, 92, 0.9)';
      ctx.shadowBlur = 30;
      ctx.beginPath();
      ctx.arc(tip[0] as number, tip[1] as number, surface / 28, 0, Math.PI * 2);
      ctx.fill();
      ctx.shadowBlur = 0;
    }
    return shown;
  }

  private clearInk(): void {
    const canvas = this.options.elements.ink;
    this.ctx.setTransform(1, 0, 0, 1, 0, 0);
    this.ctx.clearRect(0, 0, canvas.width, canvas.height);
  }

  dispose(): void {
    clearTimeout(this.idleTimer);
    cancelAnimationFrame(this.frame);
  }
}
