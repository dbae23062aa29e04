import { inkBounds } from './ink-bounds.js';

/**
 * Thicker or thinner strokes by grey-level dilation (max) or erosion (min)
 * over the pixel and its four neighbours (a plus sign: the closest a 3x3
 * neighbourhood comes to a disc of radius 1, so diagonal strokes do not grow
 * faster than straight ones). `pixels` > 0 thickens, < 0 thins; whole pixels
 * are repeated steps and the fraction blends the last step with the image
 * before it, so strength varies smoothly (0.3 is a slightly heavier pen, not
 * a jump). Dilation never lowers a pixel and erosion never raises one, so
 * total ink moves in the asked direction. Returns a new image.
 */
export function changeThickness(image: Float32Array, size: number, pixels: number): Float32Array {
  let current = image.slice();
  const ink = inkBounds(image, size);
  if (!(Math.abs(pixels) > 0) || !ink) return current; // 0 and NaN: unchanged
  const grow = pixels > 0;
  // Only the ink's box changes (grown by a pixel per dilation step); the
  // rest stays background in both buffers.
  const box = { ...ink };
  // After 2 * size steps (the image's diameter in plus-sign steps) every
  // pixel has seen the whole image: more changes nothing.
  let left = Math.min(Math.abs(pixels), 2 * size);
  let next = new Float32Array(current.length);
  while (left > 0) {
    const step = Math.min(left, 1);
    if (grow) {
      box.minX = Math.max(0, box.minX - 1);
      box.minY = Math.max(0, box.minY - 1);
      box.maxX = Math.min(size - 1, box.maxX + 1);
      box.maxY = Math.min(size - 1, box.maxY + 1);
    }
    morphStep(current, next, size, grow, box);
    if (step < 1) {
      for (let y = box.minY; y <= box.maxY; y++) {
        for (let x = box.minX, i = y * size + x; x <= box.maxX; x++, i++) next[i] = (current[i] as number) * (1 - step) + (next[i] as number) * step;
      }
    }
    [current, next] = [next, current];
    left -= step;
  }
  return current;
}

function morphStep(src: Float32Array, dst: Float32Array, size: number, grow: boolean, box: { minX: number; maxX: number; minY: number; maxY: number }): void {
  // Outside the image counts as background: erosion eats ink touching the
  // border, dilation adds nothing from outside.
  for (let y = box.minY; y <= box.maxY; y++) {
    for (let x = box.minX; x <= box.maxX; x++) {
      const i = y * size + x;
      const c = src[i] as number;
      const l = x > 0 ? (src[i - 1] as number) : 0;
      const r = x < size - 1 ? (src[i + 1] as number) : 0;
      const u = y > 0 ? (src[i - size] as number) : 0;
      const d = y < size - 1 ? (src[i + size] as number) : 0;
      let m = c;
      if (grow) {
        if (l > m) m = l;
        if (r > m) m = r;
        if (u > m) m = u;
        if (d > m) m = d;
      } else {
        if (l < m) m = l;
        if (r < m) m = r;
        if (u < m) m = u;
        if (d < m) m = d;
      }
      dst[i] = m;
    }
  }
}
