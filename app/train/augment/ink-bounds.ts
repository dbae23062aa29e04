/** The rows and columns holding any non-zero pixel; undefined when there are none. */
export function inkBounds(image: Float32Array, size: number): { minX: number; maxX: number; minY: number; maxY: number } | undefined {
  let minX = size;
  let maxX = -1;
  let minY = size;
  let maxY = -1;
  for (let y = 0; y < size; y++) {
    const row = y * size;
    for (let x = 0; x < size; x++) {
      if ((image[row + x] as number) !== 0) {
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        maxY = y;
      }
    }
  }
  return maxX >= 0 ? { minX, maxX, minY, maxY } : undefined;
}
