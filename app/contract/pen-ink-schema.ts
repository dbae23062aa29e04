import { z } from 'zod';
import { INK_LIMITS } from './limits.js';
import { pointsProblem, strokesProblem } from './pen-points-check.js';
import { PEN_LIMITS } from './pen-limits.js';

/**
 * Pen points: [x, y] or [x, y, pressure] in CSS pixels of the pen's drawing
 * surface, y down; checked by pen-points-check.ts, which stops at the first
 * bad point.
 */
export type PenPoint = [number, number] | [number, number, number];

/** zod runs the hand-written check once per list instead of a tuple schema per point. */
function checked<T>(problemOf: (value: unknown) => string | undefined) {
  return z.custom<T>().superRefine((value, ctx) => {
    const problem = problemOf(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, input: value });
  });
}

const batchTooMany = `at most ${PEN_LIMITS.maxPointsPerBatch} points per message`;
/** One batch while drawing: stroke-begin (0..256 points). */
export const penPointBatchSchema = checked<PenPoint[]>((v) => pointsProblem(v, 0, PEN_LIMITS.maxPointsPerBatch, batchTooMany));
/** stroke-points (1..256 points). */
export const penPointMoreSchema = checked<PenPoint[]>((v) => pointsProblem(v, 1, PEN_LIMITS.maxPointsPerBatch, batchTooMany));
/** The whole drawing (`drawing`): the display ink's limits. */
export const penStrokesSchema = checked<PenPoint[][]>(strokesProblem);

/** The client's stroke number since its last clear. */
export const strokeNumberSchema = z.number().int().min(0).max(INK_LIMITS.maxStrokes - 1);

export type PenStrokes = PenPoint[][];
