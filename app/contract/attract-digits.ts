import { z } from 'zod';
import { strokesSchema } from './ink-schema.js';

/**
 * GET /api/attract-digits: real MNIST test digits as pen strokes, for the
 * display's attract mode to draw and send through the real pipeline as ink
 * (so the network really classifies them). Coordinates are on a square
 * surface of `surface` units, y down.
 */
export const attractDigitSchema = z.strictObject({
  /** What the writer meant (MNIST's label), not what the network says. */
  label: z.number().int().min(0).max(9),
  /** e.g. "mnist-test#1234". */
  source: z.string().max(64),
  strokes: strokesSchema,
});

export const attractDigitsResponseSchema = z.strictObject({
  surface: z.number().positive(),
  digits: z.array(attractDigitSchema).min(1).max(32),
});

export type AttractDigit = z.infer<typeof attractDigitSchema>;
export type AttractDigitsResponse = z.infer<typeof attractDigitsResponseSchema>;
