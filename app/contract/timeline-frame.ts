import { z } from 'zod';
import { MESSAGE_LIMITS } from './limits.js';

/**
 * The visitor's current drawing classified by every snapshot of the training
 * timeline, sent only to displays that have the timeline open, right after
 * the live frame it belongs to. Compact on purpose (35 snapshots x 202
 * values): probabilities are JSON numbers rounded to 4 significant digits
 * (still honest for small ones), hidden activations one base64 block of
 * little-endian float16 per snapshot (every hidden layer, concatenated in
 * layer order; the model's architecture says where each layer starts).
 */
export const timelineEntrySchema = z.strictObject({
  snapshotId: z.string().max(MESSAGE_LIMITS.maxIdLength),
  probabilities: z.array(z.number()).min(1).max(16_384),
  /** base64(float16le[]) of all hidden layers' outputs, input and output layers excluded. */
  hidden: z.string().max(64 * 1024),
});

export const timelineFrameSchema = z.object({
  type: z.literal('timeline-frame'),
  /** The live frame this one belongs to (its seq). */
  seq: z.number().int().min(0),
  inkId: z.number().int().min(0).nullable(),
  empty: z.boolean(),
  modelId: z.string().max(MESSAGE_LIMITS.maxIdLength),
  /** One entry per snapshot, in timeline order. */
  snapshots: z.array(timelineEntrySchema).min(1).max(1_000),
  /** Milliseconds the hub spent on all snapshots' forward passes. */
  passMs: z.number().min(0),
});

export type TimelineEntryValues = z.infer<typeof timelineEntrySchema>;
export type TimelineFrame = z.infer<typeof timelineFrameSchema>;
