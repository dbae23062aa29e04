import { applyPenEvent, EMPTY_INK, type InkState, type PenEvent } from '../../app/ink/ink-state.js';
import { onPadGrid } from '../../app/ink/pad-grid.js';
import type { InkPoint } from '../../app/ink/stroke-types.js';

/**
 * The drawing pad on the display: pointer events (mouse, touch, pen) become
 * pen events for app/ink's reducer; ink is drawn locally at once, and the
 * whole drawing is handed on at most once per animation frame. Points are
 * kept on a 0.1 px grid and the reducer stops adding them at the contract's
 * limits, so the longest drawing still fits in one ink message (a drawing
 * that did not would be refused by the hub until Clear).
 */
export class DrawingPad {
  private state: InkState = EMPTY_INK;
  private readonly ctx: CanvasRenderingContext2D;
  private sentVersion = 0;
  private frame = 0;
  private readonly resizeObserver: ResizeObserver;
  private readonly listeners: [string, EventListener][] = [];

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly onChange: (state: InkState) => void,
  ) {
    this.ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
    this.listen('pointerdown', (e) => this.onDown(e as PointerEvent));
    this.listen('pointermove', (e) => this.onMove(e as PointerEvent));
    this.listen('pointerup', (e) => this.apply({ type: 'up', pointerId: (e as PointerEvent).pointerId }));
    this.listen('pointercancel', (e) => this.apply({ type: 'cancel', pointerId: (e as PointerEvent).pointerId }));
    this.resizeObserver = new ResizeObserver(() => this.resize());
    this.resizeObserver.observe(canvas);
    this.resize();
  }

  get ink(): InkState {
    return this.state;
  }

  clear(): void {
    this.apply({ type: 'clear' });
  }

  private listen(type: string, handler: EventListener): void {
    this.canvas.addEventListener(type, handler);
    this.listeners.push([type, handler]);
  }

  private point(e: PointerEvent): InkPoint {
    const rect = this.canvas.getBoundingClientRect();
    return onPadGrid(e.clientX - rect.left, e.clientY - rect.top);
  }

  private onDown(e: PointerEvent): void {
    if (e.pointerType === 'mouse' && e.button !== 0) return;
    e.preventDefault();
    this.canvas.setPointerCapture(e.pointerId);
    this.apply({ type: 'down', pointerId: e.pointerId, point: this.point(e) });
  }

  private onMove(e: PointerEvent): void {
    if (e.pointerId !== this.state.activePointer) return;
    // Coalesced events carry every sample the device made since the last frame: smoother ink.
    const samples = typeof e.getCoalescedEvents === 'function' ? e.getCoalescedEvents() : [];
    const points = (samples.length ? samples : [e]).map((s) => this.point(s));
    this.apply({ type: 'move', pointerId: e.pointerId, points });
  }

  private apply(event: PenEvent): void {
    const next = applyPenEvent(this.state, event);
    if (next === this.state) return;
    const changed = next.version !== this.state.version;
    this.state = next;
    if (!changed) return;
    this.draw();
    this.frame ||= requestAnimationFrame(() => {
      this.frame = 0;
      if (this.state.version === this.sentVersion) return;
      this.sentVersion = this.state.version;
      this.onChange(this.state);
    });
  }

  private resize(): void {
    const ratio = Math.min(window.devicePixelRatio || 1, 2);
    this.canvas.width = Math.round(this.canvas.clientWidth * ratio);
    this.canvas.height = Math.round(this.canvas.clientHeight * ratio);
    this.ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    this.draw();
  }

  private draw(): void {
    const { ctx, canvas } = this;
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.restore();
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.strokeStyle = '#f4f7fb';
    ctx.fillStyle = '#f4f7fb';
    ctx.lineWidth = Math.max(6, this.canvas.clientWidth / 16);
    for (const stroke of this.state.strokes) {
      const [first, ...rest] = stroke;
      if (!first) continue;
      ctx.beginPath();
      ctx.moveTo(first[0], first[1]);
      if (rest.length === 0) ctx.lineTo(first[0] + 0.01, first[1]);
      for (const [x, y] of rest) ctx.lineTo(x, y);
      ctx.stroke();
    }
  }

  dispose(): void {
    cancelAnimationFrame(this.frame);
    this.resizeObserver.disconnect();
    for (const [type, handler] of this.listeners) this.canvas.removeEventListener(type, handler);
  }
}
