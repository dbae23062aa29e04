import { z } from 'zod';
import { MESSAGE_LIMITS } from './limits.js';

/**
 * One answer of the network to one drawing: what the display animates and
 * the pen pages echo. Sent by the hub after every ink or clear message (the
 * latest drawing wins when they arrive faster than inference).
 */

const finite = z.number();
/** Sane bound for any layer this exhibit shows (see app/model/limits.ts). */
const values = z.array(finite).max(16_384);

export const frameSchema = z.object({
  type: z.literal('frame'),
  /** Hub-wide frame counter: increases by one per frame sent. */
  seq: z.number().int().min(0),
  /** Id of the ink or clear message this frame answers; null when the hub produced it by itself (e.g. snapshot change). */
  inkId: z.number().int().min(0).nullable(),
  /** True when there is no ink: the display shows its calm "draw a digit" state. */
  empty: z.boolean(),
  modelId: z.string().max(MESSAGE_LIMITS.maxIdLength),
  snapshotId: z.string().max(MESSAGE_LIMITS.maxIdLength),
  backend: z.string(),
  /** Milliseconds the backend took for this sample. */
  inferenceMs: finite.min(0),
  /** The 28x28 input in [0, 1], row-major, y down: "what the network sees". */
  input: values,
  /** Output of every layer after its activation: hidden layers, then the output layer. */
  activations: z.array(values).min(1).max(64),
  /** Softmax of the last layer; sums to 1. */
  probabilities: values.min(1),
  /** The pen whose drawing this is; absent for the display's own pad and hub-made frames. */
  pen: z
    .strictObject({
      deviceId: z.string().max(MESSAGE_LIMITS.maxIdLength),
      name: z.string().max(MESSAGE_LIMITS.maxIdLength),
      /** How many of the pen's points this frame covers (latency measurements match samples to frames by it). */
      points: z.number().int().min(0).optional(),
    })
    .optional(),
});

export type Frame = z.infer<typeof frameSchema>;
