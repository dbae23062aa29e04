import { INK_LIMITS } from '../contract/limits.js';
import type { InkPoint } from './stroke-types.js';

/**
 * Pads in CSS pixels send their points on a 0.1 px grid, clamped to the
 * contract's coordinate range. A raw pointer coordinate such as
 * 123.45678901234567 costs ~18 bytes of JSON, so a drawing within the point
 * limits could outgrow the frame limit and every later ink message would be
 * refused until Clear. On the grid a coordinate is at most 9 characters
 * ("-999999.9"), a point at most 22 bytes with its brackets and commas, and
 * the largest drawing the contract allows stays far below the frame limit
 * (see MAX_INK_JSON_BYTES). A tenth of a CSS pixel is finer than any screen
 * shows or the 28x28 input can tell apart.
 *
 * For pads whose unit is a pixel only: a tablet reporting normalised 0..1
 * coordinates would need a finer grid, so this is the pad's step, not the
 * ink reducer's.
 */
export function onPadGrid(x: number, y: number): InkPoint {
  return [snap(x), snap(y)];
}

function snap(v: number): number {
  if (!Number.isFinite(v)) return 0;
  const clamped = Math.min(INK_LIMITS.maxAbsCoordinate, Math.max(-INK_LIMITS.maxAbsCoordinate, v));
  // An integer divided by 10 prints with at most one decimal (the shortest
  // round-trip form); `+ 0` turns -0 into 0.
  return Math.round(clamped * 10) / 10 + 0;
}

/** The most characters one coordinate on the grid takes as JSON: "-999999.9". */
const MAX_COORDINATE_CHARS = String(-(INK_LIMITS.maxAbsCoordinate - 0.1)).length;

/**
 * Upper bound on the JSON of the strokes of any drawing the ink reducer
 * allows, with every point on the pad grid: "[x,y]," per point, "[],"
 * per stroke, the outer brackets.
 */
export const MAX_INK_JSON_BYTES = INK_LIMITS.maxPointsTotal * (2 * MAX_COORDINATE_CHARS + 4) + INK_LIMITS.maxStrokes * 3 + 2;
