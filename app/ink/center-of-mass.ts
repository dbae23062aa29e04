/** Intensity-weighted mean pixel index of a size x size image; undefined when it is blank. */
export function centerOfMass(image: Float32Array, size: number): { x: number; y: number } | undefined {
  let total = 0;
  let sx = 0;
  let sy = 0;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const v = image[y * size + x] as number;
      total += v;
      sx += v * x;
      sy += v * y;
    }
  }
  return total > 0 ? { x: sx / total, y: sy / total } : undefined;
}
