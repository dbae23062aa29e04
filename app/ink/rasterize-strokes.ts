import type { InkStrokes } from './stroke-types.js';

/** Maps a stroke point to output pixels: p' = p * scale + offset. */
export interface InkTransform {
  readonly scale: number;
  readonly offsetX: number;
  readonly offsetY: number;
}

/**
 * Draws strokes as round-capped lines into a size x size image with an
 * analytic antialiased edge: each pixel takes its distance to the nearest
 * segment and fades from 1 to 0 across `softness` pixels around `radius`.
 * Max, not sum, where strokes overlap, so joints and crossings do not glow
 * brighter than a pen would make them. Only the pixels near each segment are
 * visited, so cost grows with the ink, not with the image.
 */
export function rasterizeStrokes(
  strokes: InkStrokes,
  transform: InkTransform,
  size: number,
  radius: number,
  softness: number,
  out: Float32Array = new Float32Array(size * size),
): Float32Array {
  out.fill(0);
  const reach = radius + softness / 2;
  const { scale, offsetX, offsetY } = transform;
  for (const stroke of strokes) {
    const first = stroke[0];
    if (!first) continue;
    let ax = first[0] * scale + offsetX;
    let ay = first[1] * scale + offsetY;
    // A single point is a dot: a segment of length zero.
    if (stroke.length === 1) drawSegment(out, size, ax, ay, ax, ay, reach, softness);
    for (let i = 1; i < stroke.length; i++) {
      const p = stroke[i] as readonly [number, number];
      const bx = p[0] * scale + offsetX;
      const by = p[1] * scale + offsetY;
      drawSegment(out, size, ax, ay, bx, by, reach, softness);
      ax = bx;
      ay = by;
    }
  }
  return out;
}

function drawSegment(out: Float32Array, size: number, ax: number, ay: number, bx: number, by: number, reach: number, softness: number): void {
  const x0 = Math.max(0, Math.floor(Math.min(ax, bx) - reach));
  const x1 = Math.min(size - 1, Math.ceil(Math.max(ax, bx) + reach));
  const y0 = Math.max(0, Math.floor(Math.min(ay, by) - reach));
  const y1 = Math.min(size - 1, Math.ceil(Math.max(ay, by) + reach));
  const dx = bx - ax;
  const dy = by - ay;
  const lengthSq = dx * dx + dy * dy;
  for (let y = y0; y <= y1; y++) {
    // Pixel (x, y) covers [x, x+1) x [y, y+1); sample its centre.
    const py = y + 0.5;
    for (let x = x0; x <= x1; x++) {
      const px = x + 0.5;
      let t = lengthSq > 0 ? ((px - ax) * dx + (py - ay) * dy) / lengthSq : 0;
      t = t < 0 ? 0 : t > 1 ? 1 : t;
      const ex = px - (ax + t * dx);
      const ey = py - (ay + t * dy);
      const distance = Math.sqrt(ex * ex + ey * ey);
      const v = (reach - distance) / softness;
      if (v <= 0) continue;
      const value = v >= 1 ? 1 : v;
      const k = y * size + x;
      if (value > (out[k] as number)) out[k] = value;
    }
  }
}
