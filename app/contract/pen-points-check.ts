import { INK_LIMITS } from './limits.js';

/**
 * Hand-written checks of pen point lists that stop at the first problem.
 * A zod tuple per point collects every issue of a frame: a hostile 480 KB
 * `drawing` of bad points cost the hub half a second of main-thread CPU,
 * long enough to freeze every tablet and the wall. These loops cost
 * microseconds and still name the first bad point.
 *
 * A point is [x, y] or [x, y, pressure]: finite coordinates within
 * +-INK_LIMITS.maxAbsCoordinate, pressure 0..1. Problems come back as
 * "[i][k]: what" (relative to the list), or undefined when all is well.
 */
export function pointsProblem(value: unknown, minPoints: number, maxPoints: number, tooMany: string): string | undefined {
  if (!Array.isArray(value)) return 'must be a list of points';
  if (value.length > maxPoints) return tooMany;
  if (value.length < minPoints) return minPoints === 1 ? 'needs at least one point' : `needs at least ${minPoints} points`;
  for (let i = 0; i < value.length; i++) {
    const problem = pointProblem(value[i]);
    if (problem) return `[${i}]${problem}`;
  }
  return undefined;
}

/** The whole drawing: at most maxStrokes strokes of 1..maxPointsPerStroke points, maxPointsTotal in all. */
export function strokesProblem(value: unknown): string | undefined {
  if (!Array.isArray(value)) return 'must be a list of strokes';
  if (value.length > INK_LIMITS.maxStrokes) return `at most ${INK_LIMITS.maxStrokes} strokes`;
  let total = 0;
  for (let s = 0; s < value.length; s++) {
    const stroke: unknown = value[s];
    const problem = pointsProblem(stroke, 1, INK_LIMITS.maxPointsPerStroke, `at most ${INK_LIMITS.maxPointsPerStroke} points per stroke`);
    if (problem) return `[${s}]${problem.startsWith('[') ? '' : ': '}${problem === 'needs at least one point' ? 'a stroke needs at least one point' : problem}`;
    total += (stroke as unknown[]).length;
  }
  if (total > INK_LIMITS.maxPointsTotal) return `at most ${INK_LIMITS.maxPointsTotal} points in all`;
  return undefined;
}

function pointProblem(point: unknown): string | undefined {
  if (!Array.isArray(point) || (point.length !== 2 && point.length !== 3)) return ': a point is [x, y] or [x, y, pressure]';
  for (let k = 0; k < point.length; k++) {
    const v: unknown = point[k];
    if (typeof v !== 'number' || !Number.isFinite(v)) return `[${k}]: must be a finite number`;
    if (k < 2 && Math.abs(v) > INK_LIMITS.maxAbsCoordinate) return `[${k}]: must be within +-${INK_LIMITS.maxAbsCoordinate}`;
    if (k === 2 && (v < 0 || v > 1)) return '[2]: pressure must be within 0..1';
  }
  return undefined;
}
