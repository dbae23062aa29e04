import type { Term } from '../../app/inspect/neuron-terms.js';

/**
 * Small diverging-colour pictures for the inspector, in the connections'
 * colours (connections-mesh.ts): warm for positive, cool for negative,
 * dark for nothing. One cell per input, laid out like the input's layer.
 */
const DARK = [11, 17, 27] as const;
const WARM = [255, 158, 61] as const;
const COOL = [64, 178, 255] as const;

export interface Grid {
  readonly columns: number;
  readonly rows: number;
}

/** [r, g, b] for v in [-1, 1]. */
export function diverging(v: number): [number, number, number] {
  const hue = v >= 0 ? WARM : COOL;
  const t = Math.min(1, Math.abs(v)) ** 0.75;
  return [DARK[0] + (hue[0] - DARK[0]) * t, DARK[1] + (hue[1] - DARK[1]) * t, DARK[2] + (hue[2] - DARK[2]) * t];
}

/** A robust scale: the 98th percentile of |v|, so a single outlier does not dim the picture. */
export function robustMax(values: ArrayLike<number>): number {
  const abs = Float32Array.from({ length: values.length }, (_, i) => Math.abs(values[i] as number)).sort();
  return Math.max(abs[Math.floor((abs.length - 1) * 0.98)] ?? 0, 1e-9);
}

/** One pixel per cell; CSS scales it up crisp (image-rendering: pixelated). */
export function drawDiverging(canvas: HTMLCanvasElement, grid: Grid, values: ArrayLike<number>): void {
  canvas.width = grid.columns;
  canvas.height = grid.rows;
  const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
  const image = ctx.createImageData(grid.columns, grid.rows);
  const scale = 1 / robustMax(values);
  for (let i = 0; i < grid.columns * grid.rows; i++) {
    const [r, g, b] = i < values.length ? diverging((values[i] as number) * scale) : DARK;
    image.data.set([r, g, b, i < values.length ? 255 : 0], i * 4);
  }
  ctx.putImageData(image, 0, 0);
}

/**
 * What each input adds to the neuron right now (weight x input), with the
 * strongest few ringed; or, for a pixel, the input itself with that pixel
 * ringed. Drawn at `cell` px per input so rings stay sharp.
 */
export function drawContributions(canvas: HTMLCanvasElement, grid: Grid, values: ArrayLike<number>, rings: { positive: readonly Term[]; negative: readonly Term[] }, mode: 'diverging' | 'grey' = 'diverging'): void {
  const cell = Math.max(4, Math.floor(168 / Math.max(grid.columns, grid.rows)));
  canvas.width = grid.columns * cell;
  canvas.height = grid.rows * cell;
  const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  const scale = mode === 'diverging' ? 1 / robustMax(values) : 1;
  for (let i = 0; i < Math.min(values.length, grid.columns * grid.rows); i++) {
    const v = (values[i] as number) * scale;
    const [r, g, b] = mode === 'diverging' ? diverging(v) : grey(v);
    ctx.fillStyle = `rgb(${r | 0},${g | 0},${b | 0})`;
    ctx.fillRect((i % grid.columns) * cell, Math.floor(i / grid.columns) * cell, cell, cell);
  }
  const ring = (t: Term, colour: string): void => {
    ctx.strokeStyle = colour;
    ctx.lineWidth = Math.max(2, Math.min(4, cell / 5));
    // Drawn just inside the cell, so neighbouring rings do not merge into a blob.
    const inset = ctx.lineWidth / 2;
    ctx.strokeRect((t.index % grid.columns) * cell + inset, Math.floor(t.index / grid.columns) * cell + inset, cell - 2 * inset, cell - 2 * inset);
  };
  for (const t of rings.positive) ring(t, mode === 'grey' ? '#ffd58a' : '#fff1d6');
  for (const t of rings.negative) ring(t, '#d8f1ff');
}

function grey(v: number): [number, number, number] {
  const t = Math.max(0, Math.min(1, v));
  return [DARK[0] + (244 - DARK[0]) * t, DARK[1] + (247 - DARK[1]) * t, DARK[2] + (251 - DARK[2]) * t];
}
