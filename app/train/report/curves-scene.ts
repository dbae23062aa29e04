import { imagesPerPass, type CurvePoint } from './curve-series.js';
import { imageTicks, logImages } from './log-axis.js';
import type { Rgb, Scene, SceneItem } from './scene.js';

export const CURVE_COLORS = {
  accuracy: [31, 119, 180] as Rgb,
  loss: [214, 96, 24] as Rgb,
  text: [34, 34, 34] as Rgb,
  muted: [110, 110, 110] as Rgb,
  grid: [222, 222, 222] as Rgb,
  axis: [120, 120, 120] as Rgb,
  background: [255, 255, 255] as Rgb,
} as const;

/** Where one panel's plot area lies and what it maps: the tests read points back through it. */
export interface PanelFrame {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
  readonly yMax: number;
}

export interface CurvesLayout {
  readonly accuracy: PanelFrame;
  readonly loss: PanelFrame;
  /** Largest log10(1 + images) on the x axis (the smallest is 0). */
  readonly xMax: number;
}

const WIDTH = 960;
const HEIGHT = 640;
const LEFT = 84;
const RIGHT = 36;

/** The plot frames for these points; exported so that tests can map pixels back to metrics. */
export function curvesLayout(points: readonly CurvePoint[]): CurvesLayout {
  const maxImages = Math.max(10, ...points.map((p) => p.images));
  const xMax = logImages(maxImages) + 0.1;
  const width = WIDTH - LEFT - RIGHT;
  const maxLoss = Math.max(0, ...points.map((p) => p.loss ?? 0));
  return {
    accuracy: { left: LEFT, top: 108, width, height: 230, yMax: 1 },
    loss: { left: LEFT, top: 394, width, height: 170, yMax: niceCeiling(maxLoss) },
    xMax,
  };
}

/** Pixel position of a value in a panel. */
export function toPixel(frame: PanelFrame, xMax: number, images: number, value: number): [number, number] {
  const x = frame.left + (logImages(images) / xMax) * frame.width;
  const y = frame.top + frame.height * (1 - value / frame.yMax);
  return [round2(x), round2(y)];
}

/**
 * Test accuracy and average training loss per snapshot against images seen
 * (log scale, see log-axis.ts), two panels sharing the x axis, like the
 * curves a PyTorch trainer saves next to its model. English labels: the
 * report is for curators, and matches the export's own English labels.
 */
export function curvesScene(points: readonly CurvePoint[], name: string): Scene {
  const layout = curvesLayout(points);
  const { accuracy, loss, xMax } = layout;
  const items: SceneItem[] = [];
  const c = CURVE_COLORS;
  const last = points.at(-1);
  const lastAccuracy = [...points].reverse().find((p) => p.accuracy !== undefined)?.accuracy;
  items.push({ kind: 'text', x: LEFT, y: 36, text: 'Training curves', size: 22, color: c.text, anchor: 'start', bold: true });
  const summary = [`${name}`, `${points.length} snapshots`, last ? `${last.images.toLocaleString('en-US')} images` : '', lastAccuracy !== undefined ? `final test accuracy ${(lastAccuracy * 100).toFixed(2)}%` : '']
    .filter(Boolean)
    .join(', ');
  items.push({ kind: 'text', x: LEFT, y: 60, text: summary, size: 14, color: c.muted, anchor: 'start' });

  const accuracyTicks = [0, 0.2, 0.4, 0.6, 0.8, 1].map((v) => ({ value: v, label: `${Math.round(v * 100)}%` }));
  const step = loss.yMax > 3 ? 1 : loss.yMax > 1 ? 0.5 : loss.yMax > 0.5 ? 0.1 : 0.05;
  const lossTicks: Array<{ value: number; label: string }> = [];
  for (let v = 0; v <= loss.yMax + 1e-9; v += step) lossTicks.push({ value: v, label: trimNumber(v) });

  panel(items, accuracy, xMax, 'Test accuracy', accuracyTicks, points, 'accuracy', (p) => p.accuracy, c.accuracy, (v) => `${(v * 100).toFixed(2)}%`);
  panel(items, loss, xMax, 'Average training loss (cross-entropy)', lossTicks, points, 'loss', (p) => p.loss, c.loss, (v) => v.toFixed(3));

  // One pass over the training set: where "a few thousand images" ends and epochs begin.
  const perPass = imagesPerPass(points);
  if (perPass !== undefined && logImages(perPass) <= xMax) {
    for (const frame of [accuracy, loss]) {
      const [x] = toPixel(frame, xMax, perPass, 0);
      items.push({ kind: 'line', x1: x, y1: frame.top, x2: x, y2: frame.top + frame.height, color: c.axis, width: 1, dash: 4 });
    }
    const [x] = toPixel(accuracy, xMax, perPass, 0);
    items.push({ kind: 'text', x: x + 5, y: accuracy.top + accuracy.height - 8, text: '1 pass', size: 13, color: c.muted, anchor: 'start' });
  }

  const bottom = loss.top + loss.height;
  for (const tick of imageTicks(10 ** Math.floor(xMax))) {
    const [x] = toPixel(loss, xMax, tick.images, 0);
    if (x > loss.left + loss.width + 0.5) continue;
    items.push({ kind: 'line', x1: x, y1: bottom, x2: x, y2: bottom + 5, color: c.axis, width: 1 });
    items.push({ kind: 'text', x, y: bottom + 22, text: tick.label, size: 14, color: c.text, anchor: 'middle' });
  }
  items.push({ kind: 'text', x: loss.left + loss.width / 2, y: bottom + 52, text: 'Images seen (log scale)', size: 15, color: c.text, anchor: 'middle' });
  return { width: WIDTH, height: HEIGHT, background: c.background, title: `Training curves: ${summary}`, items };
}

function panel(
  items: SceneItem[],
  frame: PanelFrame,
  xMax: number,
  title: string,
  ticks: ReadonlyArray<{ value: number; label: string }>,
  points: readonly CurvePoint[],
  series: string,
  valueOf: (p: CurvePoint) => number | undefined,
  color: Rgb,
  format: (v: number) => string,
): void {
  const c = CURVE_COLORS;
  const right = frame.left + frame.width;
  items.push({ kind: 'text', x: frame.left, y: frame.top - 12, text: title, size: 16, color, anchor: 'start', bold: true });
  for (const tick of ticks) {
    const [, y] = toPixel(frame, xMax, 0, tick.value);
    items.push({ kind: 'line', x1: frame.left, y1: y, x2: right, y2: y, color: c.grid, width: 1 });
    items.push({ kind: 'text', x: frame.left - 8, y: y + 5, text: tick.label, size: 13, color: c.text, anchor: 'end' });
  }
  for (const tick of imageTicks(10 ** Math.floor(xMax)).slice(1)) {
    const [x] = toPixel(frame, xMax, tick.images, 0);
    if (x <= right) items.push({ kind: 'line', x1: x, y1: frame.top, x2: x, y2: frame.top + frame.height, color: c.grid, width: 1 });
  }
  items.push({ kind: 'rect', x: frame.left, y: frame.top, w: frame.width, h: frame.height, stroke: c.axis, strokeWidth: 1 });

  const shown = points.filter((p) => valueOf(p) !== undefined);
  const pixels = shown.map((p) => toPixel(frame, xMax, p.images, valueOf(p)!));
  if (pixels.length > 1) items.push({ kind: 'polyline', points: pixels, color, width: 2.5, series });
  shown.forEach((p, i) => {
    const [cx, cy] = pixels[i]!;
    items.push({ kind: 'circle', cx, cy, r: 3.5, fill: color, series, value: valueOf(p)!, images: p.images });
  });
  const end = shown.at(-1);
  if (end) {
    const [x, y] = pixels.at(-1)!;
    const above = y - frame.top > 30;
    items.push({ kind: 'text', x: x - 6, y: above ? y - 12 : y + 24, text: format(valueOf(end)!), size: 14, color, anchor: 'end', bold: true });
  }
}

/** A round axis maximum at or above `v`: 2.30 -> 2.5, 0.43 -> 0.5. */
export function niceCeiling(v: number): number {
  if (!(v > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * magnitude >= v) return m * magnitude;
  return 10 * magnitude;
}

function trimNumber(v: number): string {
  return String(Math.round(v * 100) / 100);
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}
