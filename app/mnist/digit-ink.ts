import { SeededRandom } from '../random/seeded-random.js';

/**
 * Real human handwriting as pen strokes, made from MNIST digits. We have no
 * recordings of tablet handwriting, so a scanned digit is thinned to its
 * centre line (Zhang-Suen), the centre line is traced into polylines the way
 * a pen would draw it, and each polyline is laid out on a tablet's drawing
 * surface at pen-sample spacing with a little hand tremor. The shapes are
 * people's; the timing, order and pen speed are made up (see
 * tests/fixtures/ink/README.md).
 */

export type Pt = [number, number];
export const SIDE = 28;

export interface MnistInkOptions {
  /** Pixels at or above this (0..255) are ink. */
  readonly threshold: number;
  /** Polylines with fewer skeleton pixels than this are specks, not strokes. */
  readonly minStrokePixels: number;
  /** The drawing surface in CSS pixels (a portrait tablet). */
  readonly surfaceWidth: number;
  readonly surfaceHeight: number;
  /** The digit's height on the surface is drawn uniformly from this range. */
  readonly minHeight: number;
  readonly maxHeight: number;
  /** Distance between pen samples, drawn per stroke from this range (CSS px). */
  readonly minSpacing: number;
  readonly maxSpacing: number;
  /** Largest hand-tremor offset, in CSS px. */
  readonly tremor: number;
}

export const MNIST_INK_OPTIONS: MnistInkOptions = {
  threshold: 128,
  minStrokePixels: 3,
  surfaceWidth: 800,
  surfaceHeight: 1100,
  minHeight: 250,
  maxHeight: 400,
  minSpacing: 3,
  maxSpacing: 4,
  tremor: 1.5,
};

/** A 28x28 image of 0/1 (row-major) from MNIST's gray levels. */
export function binarize(pixels: Uint8Array, offset: number, threshold: number): Uint8Array {
  const out = new Uint8Array(SIDE * SIDE);
  for (let i = 0; i < out.length; i++) out[i] = (pixels[offset + i] as number) >= threshold ? 1 : 0;
  return out;
}

// Neighbours clockwise from north, as Zhang and Suen number them (P2..P9).
const RING: ReadonlyArray<readonly [number, number]> = [
  [0, -1],
  [1, -1],
  [1, 0],
  [1, 1],
  [0, 1],
  [-1, 1],
  [-1, 0],
  [-1, -1],
];

function at(image: Uint8Array, x: number, y: number): number {
  return x < 0 || y < 0 || x >= SIDE || y >= SIDE ? 0 : (image[y * SIDE + x] as number);
}

function ring(image: Uint8Array, x: number, y: number): number[] {
  return RING.map(([dx, dy]) => at(image, x + dx, y + dy));
}

/** Zhang-Suen thinning (CACM 1984): peels the outline in two alternating sub-passes until a 1-pixel line is left. */
export function thin(binary: Uint8Array): Uint8Array {
  const image = binary.slice();
  for (let changed = true; changed; ) {
    changed = false;
    for (const pass of [0, 1]) {
      const remove: number[] = [];
      for (let y = 0; y < SIDE; y++) {
        for (let x = 0; x < SIDE; x++) {
          if (!image[y * SIDE + x]) continue;
          const p = ring(image, x, y);
          const [p2, , p4, , p6, , p8] = p as [number, number, number, number, number, number, number, number];
          const b = p.reduce((s, v) => s + v, 0);
          let a = 0;
          for (let i = 0; i < 8; i++) if (!p[i] && p[(i + 1) % 8]) a++;
          const ok = pass === 0 ? p2 * p4 * p6 === 0 && p4 * p6 * p8 === 0 : p2 * p4 * p8 === 0 && p2 * p6 * p8 === 0;
          if (b >= 2 && b <= 6 && a === 1 && ok) remove.push(y * SIDE + x);
        }
      }
      for (const k of remove) image[k] = 0;
      if (remove.length) changed = true;
    }
  }
  removeStaircases(image);
  pruneSpurs(image, 2);
  return image;
}

/**
 * Zhang-Suen keeps the inner pixel of every diagonal step (a 4-connected
 * staircase); to a tracer that pixel looks like a junction. Drop each pixel
 * whose neighbours stay one 8-connected piece without it and that touches
 * the background on a side: the line stays connected and keeps its holes.
 */
function removeStaircases(image: Uint8Array): void {
  for (let y = 0; y < SIDE; y++) {
    for (let x = 0; x < SIDE; x++) {
      if (!image[y * SIDE + x]) continue;
      const p = ring(image, x, y);
      const count = p.reduce((s, v) => s + v, 0);
      const open = !p[0] || !p[2] || !p[4] || !p[6];
      if (count >= 2 && open && ringPieces(p) === 1) image[y * SIDE + x] = 0;
    }
  }
}

/** 8-connected pieces among the set neighbours of a ring: ring neighbours touch, and so do two side neighbours around a corner. */
function ringPieces(p: number[]): number {
  const parent = [0, 1, 2, 3, 4, 5, 6, 7];
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i] as number)));
  const join = (i: number, j: number): void => {
    if (p[i] && p[j]) parent[find(i)] = find(j);
  };
  for (let i = 0; i < 8; i++) join(i, (i + 1) % 8);
  for (let i = 0; i < 8; i += 2) join(i, (i + 2) % 8);
  const roots = new Set<number>();
  for (let i = 0; i < 8; i++) if (p[i]) roots.add(find(i));
  return roots.size;
}

function neighbours(image: Uint8Array, k: number): number[] {
  const x = k % SIDE;
  const y = (k - x) / SIDE;
  const out: number[] = [];
  for (const [dx, dy] of RING) if (at(image, x + dx, y + dy)) out.push((y + dy) * SIDE + x + dx);
  return out;
}

/** Thinning leaves short whiskers where a thick stroke had a corner; cut branches of at most `length` pixels that end at a junction. */
function pruneSpurs(image: Uint8Array, length: number): void {
  const ends: number[] = [];
  for (let k = 0; k < image.length; k++) if (image[k] && neighbours(image, k).length === 1) ends.push(k);
  for (const end of ends) {
    const branch = [end];
    let previous = -1;
    let current = end;
    for (;;) {
      const next = neighbours(image, current).filter((n) => n !== previous);
      if (next.length !== 1) break;
      const n = next[0] as number;
      if (neighbours(image, n).length >= 3) {
        if (branch.length <= length) for (const k of branch) image[k] = 0;
        break;
      }
      if (branch.length > length) break;
      previous = current;
      current = n;
      branch.push(n);
    }
  }
}

/**
 * Traces a skeleton into polylines (pixel centres, y down) the way a pen
 * draws: strokes start at a free end, the top one first, then what is left
 * (loops, which start at their top); at a junction the pen goes on in the
 * direction it was heading, and a branch left for later is drawn from its free
 * end up to the line it joins. Specks are dropped.
 */
export function traceSkeleton(skeleton: Uint8Array, minStrokePixels: number): Pt[][] {
  const visited = new Uint8Array(skeleton.length);
  const unvisitedNeighbours = (k: number) => neighbours(skeleton, k).filter((n) => !visited[n]);
  const xy = (k: number): Pt => [k % SIDE, Math.floor(k / SIDE)];
  const strokes: Pt[][] = [];
  for (;;) {
    let start = -1;
    for (let k = 0; k < skeleton.length && start < 0; k++) if (skeleton[k] && !visited[k] && unvisitedNeighbours(k).length <= 1) start = k;
    for (let k = 0; k < skeleton.length && start < 0; k++) if (skeleton[k] && !visited[k]) start = k;
    if (start < 0) break;

    const path = [start];
    visited[start] = 1;
    for (;;) {
      const current = path[path.length - 1] as number;
      const options = unvisitedNeighbours(current);
      if (!options.length) break;
      const next = options.length === 1 ? (options[0] as number) : straightest(options, path, xy);
      visited[next] = 1;
      path.push(next);
    }
    if (path.length < minStrokePixels) continue;
    // Join the ends to a line drawn before (a branch meeting it, a loop closing).
    const recent = new Set(path.slice(-3));
    const joinEnd = neighbours(skeleton, path[path.length - 1] as number).find((n) => visited[n] && !recent.has(n));
    if (joinEnd !== undefined) path.push(joinEnd);
    const early = new Set(path.slice(0, 3));
    const joinStart = neighbours(skeleton, start).find((n) => visited[n] && !early.has(n) && !path.includes(n));
    if (joinStart !== undefined) path.unshift(joinStart);
    strokes.push(path.map((k) => xy(k).map((v) => v + 0.5) as Pt));
  }
  return strokes;
}

/** The option that turns least from the heading of the last few pixels (a loop's first step: anticlockwise, as a 0 is usually written). */
function straightest(options: number[], path: number[], xy: (k: number) => Pt): number {
  const [cx, cy] = xy(path[path.length - 1] as number);
  const [bx, by] = path.length > 1 ? xy(path[Math.max(0, path.length - 4)] as number) : [cx + 1, cy - 1];
  const hx = cx - bx;
  const hy = cy - by;
  let best = options[0] as number;
  let bestCos = -Infinity;
  for (const o of options) {
    const [ox, oy] = xy(o);
    const dx = ox - cx;
    const dy = oy - cy;
    const cos = (hx * dx + hy * dy) / (Math.hypot(hx, hy) * Math.hypot(dx, dy) || 1);
    if (cos > bestCos) {
      bestCos = cos;
      best = o;
    }
  }
  return best;
}

/** [1, 2, 1] smoothing with fixed ends, so the 45-degree pixel steps become a pen's curve. */
function smooth(line: Pt[], passes: number): Pt[] {
  let out = line;
  for (let pass = 0; pass < passes; pass++) {
    out = out.map((p, i) => {
      const a = out[i - 1];
      const b = out[i + 1];
      return a && b ? ([(a[0] + 2 * p[0] + b[0]) / 4, (a[1] + 2 * p[1] + b[1]) / 4] as Pt) : p;
    });
  }
  return out;
}

/** Points every `spacing` along the polyline (arc length), both ends kept: a pen sampling at a fixed rate at a steady speed. */
function resample(line: Pt[], spacing: number): Pt[] {
  const first = line[0] as Pt;
  const out: Pt[] = [first];
  let carried = 0;
  for (let i = 1; i < line.length; i++) {
    const [ax, ay] = line[i - 1] as Pt;
    const [bx, by] = line[i] as Pt;
    const length = Math.hypot(bx - ax, by - ay);
    let t = spacing - carried;
    while (t <= length) {
      out.push([ax + ((bx - ax) * t) / length, ay + ((by - ay) * t) / length]);
      t += spacing;
    }
    carried = length - (t - spacing);
  }
  const last = line[line.length - 1] as Pt;
  const tail = out[out.length - 1] as Pt;
  if (line.length > 1 && Math.hypot(last[0] - tail[0], last[1] - tail[1]) > spacing / 4) out.push(last);
  return out;
}

/** A smooth wobble along the stroke: two slow sines per axis with random phases, at most `amplitude` px. */
function tremor(line: Pt[], amplitude: number, spacing: number, rng: SeededRandom): Pt[] {
  const waves = Array.from({ length: 4 }, () => ({ length: rng.uniform(60, 160), phase: rng.uniform(0, 2 * Math.PI) }));
  const wobble = (w: { length: number; phase: number }, s: number) => Math.sin((2 * Math.PI * s) / w.length + w.phase);
  const [w0, w1, w2, w3] = waves as [(typeof waves)[0], (typeof waves)[0], (typeof waves)[0], (typeof waves)[0]];
  return line.map(([x, y], i) => {
    const s = i * spacing;
    return [x + (amplitude / 2) * (wobble(w0, s) + wobble(w1, s)), y + (amplitude / 2) * (wobble(w2, s) + wobble(w3, s))];
  });
}

/**
 * One MNIST digit as tablet ink: traced strokes scaled to a digit
 * minHeight..maxHeight px tall at a random place on the surface, smoothed,
 * resampled at pen spacing and wobbled. The same seed gives the same ink.
 */
export function mnistDigitToInk(pixels: Uint8Array, offset: number, seed: number, options: MnistInkOptions = MNIST_INK_OPTIONS): Pt[][] {
  const rng = new SeededRandom(seed);
  const lines = traceSkeleton(thin(binarize(pixels, offset, options.threshold)), options.minStrokePixels);
  const all = lines.flat();
  if (!all.length) return [];
  const minX = Math.min(...all.map((p) => p[0]));
  const maxX = Math.max(...all.map((p) => p[0]));
  const minY = Math.min(...all.map((p) => p[1]));
  const maxY = Math.max(...all.map((p) => p[1]));
  const margin = options.tremor + 10;
  const height = rng.uniform(options.minHeight, options.maxHeight);
  const scale = Math.min(height / Math.max(maxY - minY, 1), (options.surfaceWidth - 2 * margin) / Math.max(maxX - minX, 1));
  const left = rng.uniform(margin, options.surfaceWidth - margin - (maxX - minX) * scale);
  const top = rng.uniform(margin, options.surfaceHeight - margin - (maxY - minY) * scale);
  return lines.map((line) => {
    const spacing = rng.uniform(options.minSpacing, options.maxSpacing);
    const placed = smooth(line, 2).map(([x, y]) => [left + (x - minX) * scale, top + (y - minY) * scale] as Pt);
    return tremor(resample(placed, spacing), options.tremor, spacing, rng);
  });
}

