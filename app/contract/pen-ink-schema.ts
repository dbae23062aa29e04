import { z } from 'zod';
import { INK_LIMITS } from './limits.js';
import { PEN_LIMITS } from './pen-limits.js';

/**
 * Pen points: [x, y] or [x, y, pressure] in CSS pixels of the pen's drawing
 * surface, y down. Coordinates are finite (zod refuses Infinity; JSON has no
 * NaN) and within the display ink's bound; pressure is 0..1.
 */
const coordinate = z
  .number()
  .min(-INK_LIMITS.maxAbsCoordinate, `must be within +-${INK_LIMITS.maxAbsCoordinate}`)
  .max(INK_LIMITS.maxAbsCoordinate, `must be within +-${INK_LIMITS.maxAbsCoordinate}`);
const pressure = z.number().min(0).max(1);

export const penPointSchema = z.union([z.tuple([coordinate, coordinate]), z.tuple([coordinate, coordinate, pressure])]);

/** One batch while drawing (stroke-begin, stroke-points). */
export const penPointBatchSchema = z.array(penPointSchema).max(PEN_LIMITS.maxPointsPerBatch, `at most ${PEN_LIMITS.maxPointsPerBatch} points per message`);

/** The whole drawing (`drawing`): the display ink's limits. */
export const penStrokesSchema = z
  .array(z.array(penPointSchema).min(1, 'a stroke needs at least one point').max(INK_LIMITS.maxPointsPerStroke, `at most ${INK_LIMITS.maxPointsPerStroke} points per stroke`))
  .max(INK_LIMITS.maxStrokes, `at most ${INK_LIMITS.maxStrokes} strokes`)
  .refine((strokes) => strokes.reduce((n, s) => n + s.length, 0) <= INK_LIMITS.maxPointsTotal, `at most ${INK_LIMITS.maxPointsTotal} points in all`);

/** The client's stroke number since its last clear. */
export const strokeNumberSchema = z.number().int().min(0).max(INK_LIMITS.maxStrokes - 1);

export type PenPoint = z.infer<typeof penPointSchema>;
export type PenStrokes = z.infer<typeof penStrokesSchema>;
