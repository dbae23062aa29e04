import { z } from 'zod';
import { INK_LIMITS } from './limits.js';

/**
 * Strokes as the pads send them: each stroke is a list of [x, y] points in
 * any unit with y pointing down (app/ink scales the drawing anyway). zod 4's
 * number() already refuses Infinity (JSON has no NaN; 1e309 parses to it).
 */
const coordinate = z
  .number()
  .min(-INK_LIMITS.maxAbsCoordinate, `must be within +-${INK_LIMITS.maxAbsCoordinate}`)
  .max(INK_LIMITS.maxAbsCoordinate, `must be within +-${INK_LIMITS.maxAbsCoordinate}`);

export const pointSchema = z.tuple([coordinate, coordinate]);

export const strokeSchema = z
  .array(pointSchema)
  .min(1, 'a stroke needs at least one point')
  .max(INK_LIMITS.maxPointsPerStroke, `at most ${INK_LIMITS.maxPointsPerStroke} points per stroke`);

export const strokesSchema = z
  .array(strokeSchema)
  .max(INK_LIMITS.maxStrokes, `at most ${INK_LIMITS.maxStrokes} strokes`)
  .refine(
    (strokes) => strokes.reduce((n, s) => n + s.length, 0) <= INK_LIMITS.maxPointsTotal,
    `at most ${INK_LIMITS.maxPointsTotal} points in all`,
  );

export type Point = z.infer<typeof pointSchema>;
export type Stroke = z.infer<typeof strokeSchema>;
export type Strokes = z.infer<typeof strokesSchema>;
