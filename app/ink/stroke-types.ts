/**
 * Ink as plain data: [x, y] points in any unit, y pointing down, grouped in
 * strokes (pen down to pen up). Structurally the contract's Strokes, so
 * validated messages pass straight in.
 */
export type InkPoint = readonly [number, number];
export type InkStroke = readonly InkPoint[];
export type InkStrokes = readonly InkStroke[];

export interface Bounds {
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
}

/** Bounding box of every point, undefined when there are none. */
export function boundsOf(strokes: InkStrokes): Bounds | undefined {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const stroke of strokes) {
    for (const [x, y] of stroke) {
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  return minX <= maxX ? { minX, minY, maxX, maxY } : undefined;
}
