import { inkBounds } from './ink-bounds.js';

/**
 * 2D affine maps in pixel-index coordinates (x right, y down, pixel (i, j)
 * centred at x = i, y = j), as [a, b, c, d, e, f]:
 * x' = a x + b y + c, y' = d x + e y + f.
 */
export type Affine = readonly [number, number, number, number, number, number];

export const IDENTITY: Affine = [1, 0, 0, 0, 1, 0];

/** `outer` after `inner`: p -> outer(inner(p)). */
export function compose(outer: Affine, inner: Affine): Affine {
  const [a, b, c, d, e, f] = outer;
  const [A, B, C, D, E, F] = inner;
  return [a * A + b * D, a * B + b * E, a * C + b * F + c, d * A + e * D, d * B + e * E, d * C + e * F + f];
}

/** The inverse map; the identity for a singular one (a collapsed image has no inverse to sample). */
export function invert(m: Affine): Affine {
  const [a, b, c, d, e, f] = m;
  const det = a * e - b * d;
  if (!Number.isFinite(det) || Math.abs(det) < 1e-12) return IDENTITY;
  return [e / det, -b / det, (b * f - c * e) / det, -d / det, a / det, (c * d - a * f) / det];
}

/** Where `m` takes the point (x, y). */
export function mapPoint(m: Affine, x: number, y: number): { x: number; y: number } {
  return { x: m[0] * x + m[1] * y + m[2], y: m[3] * x + m[4] * y + m[5] };
}

export function translation(dx: number, dy: number): Affine {
  return [1, 0, dx, 0, 1, dy];
}

/**
 * Rotation by `radians` (clockwise on screen, since y points down), x/y
 * scales and a horizontal shear (x += shear * y, a forward slant for
 * negative shear with y down), all about the pivot (px, py).
 */
export function linearAbout(px: number, py: number, radians: number, scaleX: number, scaleY: number, shear: number): Affine {
  const cos = Math.cos(radians);
  const sin = Math.sin(radians);
  // Scale, then shear, then rotate.
  const a = scaleX;
  const b = shear * scaleY;
  const d = 0;
  const e = scaleY;
  const m: Affine = [cos * a - sin * d, cos * b - sin * e, 0, sin * a + cos * d, sin * b + cos * e, 0];
  return compose(translation(px, py), compose(m, translation(-px, -py)));
}

/**
 * Samples a size x size source image through `forward` (source pixel ->
 * output pixel) by bilinear interpolation at each output pixel centre, with
 * zeros outside the source. The output is outSize x outSize and may be a
 * larger canvas (`origin` is the output position of output pixel 0, so
 * nothing is clipped while measuring). Only output pixels that can see ink
 * are sampled: a digit covers about half the image, and this runs several
 * times per training sample.
 */
export function resample(source: Float32Array, size: number, forward: Affine, outSize = size, origin = 0, out: Float32Array = new Float32Array(outSize * outSize)): Float32Array {
  out.fill(0);
  const ink = inkBounds(source, size);
  if (!ink) return out;
  const inverse = invert(forward);
  const [a, b, c, d, e, f] = inverse;
  // The ink's box grown by the one pixel bilinear reaches, mapped forward
  // (through the inverse's inverse, so a map too singular to invert stays
  // consistent with the identity `invert` falls back to).
  const ahead = invert(inverse);
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (const [px, py] of [[ink.minX - 1, ink.minY - 1], [ink.maxX + 1, ink.minY - 1], [ink.minX - 1, ink.maxY + 1], [ink.maxX + 1, ink.maxY + 1]] as const) {
    const p = mapPoint(ahead, px, py);
    x0 = Math.min(x0, p.x);
    x1 = Math.max(x1, p.x);
    y0 = Math.min(y0, p.y);
    y1 = Math.max(y1, p.y);
  }
  const clampIndex = (v: number, fallback: number) => (Number.isFinite(v) ? Math.min(outSize - 1, Math.max(0, v)) : fallback);
  const ox0 = clampIndex(Math.floor(x0) - origin, 0);
  const ox1 = clampIndex(Math.ceil(x1) - origin, outSize - 1);
  const oy0 = clampIndex(Math.floor(y0) - origin, 0);
  const oy1 = clampIndex(Math.ceil(y1) - origin, outSize - 1);

  const last = size - 1;
  for (let oy = oy0; oy <= oy1; oy++) {
    const y = oy + origin;
    const x = ox0 + origin;
    // Source position of output pixel (x, y); each step right adds (a, d).
    let sx = a * x + b * y + c;
    let sy = d * x + e * y + f;
    for (let ox = ox0, o = oy * outSize + ox0; ox <= ox1; ox++, o++, sx += a, sy += d) {
      const ix = Math.floor(sx);
      const iy = Math.floor(sy);
      if (ix >= 0 && iy >= 0 && ix < last && iy < last) {
        // All four neighbours inside: the common case, without checks.
        const fx = sx - ix;
        const fy = sy - iy;
        const i = iy * size + ix;
        const top = (source[i] as number) + ((source[i + 1] as number) - (source[i] as number)) * fx;
        const bottom = (source[i + size] as number) + ((source[i + size + 1] as number) - (source[i + size] as number)) * fx;
        out[o] = top + (bottom - top) * fy;
      } else {
        out[o] = edgeSample(source, size, sx, sy);
      }
    }
  }
  return out;
}

/** Bilinear sample near or past the edge: neighbours outside the image are 0. */
function edgeSample(src: Float32Array, size: number, x: number, y: number): number {
  if (!(x > -1 && y > -1 && x < size && y < size)) return 0; // also false for NaN
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const fx = x - x0;
  const fy = y - y0;
  const at = (xi: number, yi: number) => (xi >= 0 && yi >= 0 && xi < size && yi < size ? (src[yi * size + xi] as number) : 0);
  return (at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx) * (1 - fy) + (at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx) * fy;
}
