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
  if (!(Math.abs(pixels) > 0)) return current; // 0 and NaN: unchanged
  const grow = pixels > 0;
  // After 2 * size steps (the image's diameter in plus-sign steps) every
  // pixel has seen the whole image: more changes nothing.
  let left = Math.min(Math.abs(pixels), 2 * size);
  let next = new Float32Array(current.length);
  while (left > 0) {
    const step = Math.min(left, 1);
    morphStep(current, next, size, grow);
    if (step < 1) for (let i = 0; i < next.length; i++) next[i] = (current[i] as number) * (1 - step) + (next[i] as number) * step;
    [current, next] = [next, current];
    left -= step;
  }
  return current;
}

function morphStep(src: Float32Array, dst: Float32Array, size: number, grow: boolean): void {
  // Outside the image counts as background: erosion eats ink touching the
  // border, dilation adds nothing from outside.
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
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
