import type { DrawingEvent, PenDrawing } from '../../app/pen/pen-drawing.js';
import type { PenPoint, PenStroke } from '../../app/pen/pen-messages.js';

/**
 * The tablet's drawing surface: pointer events (finger, stylus, mouse) become
 * drawing events, and ink is painted at once, segment by segment, at the
 * pen's own rate (coalesced events carry every sample since the last frame).
 * Canvas pixels follow devicePixelRatio; points stay in CSS pixels, the
 * protocol's unit. Only a stylus reports real pressure.
 */
export class InkCanvas {
  private readonly ctx: CanvasRenderingContext2D;
  private readonly resizeObserver: ResizeObserver;
  private drawing: PenDrawing | undefined;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly onEvent: (event: DrawingEvent) => void,
  ) {
    this.ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
    canvas.addEventListener('pointerdown', (e) => this.onDown(e));
    canvas.addEventListener('pointermove', (e) => this.onMove(e));
    canvas.addEventListener('pointerup', (e) => this.onEvent({ type: 'up', pointerId: e.pointerId }));
    canvas.addEventListener('pointercancel', (e) => this.onEvent({ type: 'cancel', pointerId: e.pointerId }));
    this.resizeObserver = new ResizeObserver(() => this.resize());
    this.resizeObserver.observe(canvas);
    this.resize();
  }

  /** Paints the new points of the last stroke (the common case while drawing). */
  extend(drawing: PenDrawing, stroke: number, added: number): void {
    this.drawing = drawing;
    const points = drawing.strokes[stroke];
    if (!points) return;
    const from = Math.max(0, points.length - added - 1);
    this.paintStroke(points.slice(from), from === 0);
  }

  /** Repaints everything: after undo, clear or a resize. */
  redraw(drawing: PenDrawing): void {
    this.drawing = drawing;
    const { ctx, canvas } = this;
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.restore();
    for (const stroke of drawing.strokes) this.paintStroke(stroke, true);
  }

  private paintStroke(points: PenStroke, fromStart: boolean): void {
    const { ctx } = this;
    const base = Math.max(8, Math.min(this.canvas.clientWidth, this.canvas.clientHeight) / 22);
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.strokeStyle = '#f4f7fb';
    const [first] = points;
    if (!first) return;
    if (fromStart && points.length === 1) {
      ctx.fillStyle = '#f4f7fb';
      ctx.beginPath();
      ctx.arc(first[0], first[1], widthAt(first, base) / 2, 0, Math.PI * 2);
      ctx.fill();
      return;
    }
    // Segment by segment, so a stylus's pressure shows along the line.
    for (let i = 1; i < points.length; i++) {
      const a = points[i - 1]!;
      const b = points[i]!;
      ctx.lineWidth = widthAt(b, base);
      ctx.beginPath();
      ctx.moveTo(a[0], a[1]);
      ctx.lineTo(b[0], b[1]);
      ctx.stroke();
    }
  }

  private point(e: PointerEvent): PenPoint {
    const rect = this.canvas.getBoundingClientRect();
    // A tenth of a CSS pixel is finer than the 28x28 input can tell apart and keeps messages short.
    const x = Math.round((e.clientX - rect.left) * 10) / 10;
    const y = Math.round((e.clientY - rect.top) * 10) / 10;
    if (e.pointerType === 'pen' && e.pressure > 0) return [x, y, Math.round(Math.min(1, e.pressure) * 1000) / 1000];
    return [x, y];
  }

  private onDown(e: PointerEvent): void {
    if (e.pointerType === 'mouse' && e.button !== 0) return;
    e.preventDefault();
    this.canvas.setPointerCapture(e.pointerId);
    this.onEvent({ type: 'down', pointerId: e.pointerId, point: this.point(e) });
  }

  private onMove(e: PointerEvent): void {
    // A hovering stylus (and a mouse with no button down) moves without touching: that is no ink.
    if (e.buttons === 0 && e.pointerType !== 'touch') return;
    const samples = typeof e.getCoalescedEvents === 'function' ? e.getCoalescedEvents() : [];
    this.onEvent({ type: 'move', pointerId: e.pointerId, points: (samples.length ? samples : [e]).map((s) => this.point(s)) });
  }

  private resize(): void {
    // Capped at 3: sharper than any tablet needs, and a 4x canvas costs memory for nothing.
    const ratio = Math.min(window.devicePixelRatio || 1, 3);
    this.canvas.width = Math.round(this.canvas.clientWidth * ratio);
    this.canvas.height = Math.round(this.canvas.clientHeight * ratio);
    this.ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    if (this.drawing) this.redraw(this.drawing);
  }
}

function widthAt(p: PenPoint, base: number): number {
  const pressure = p[2];
  return pressure === undefined ? base : base * (0.55 + 0.9 * pressure);
}
