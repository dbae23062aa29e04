import { z } from 'zod';

/**
 * Live training (issue 5): a display asks the hub to train a fresh network
 * from random weights; the hub streams its progress to every display, serves
 * its newest weights at LIVE_WEIGHTS_PATH and classifies visitors' drawings
 * with them until the run ends, then returns to the model in use.
 */

/** Frames answered by the live network carry this snapshot id (no model has a snapshot of that name to fetch). */
export const LIVE_SNAPSHOT_ID = 'live-training';

/**
 * GET (Bearer secret): the newest live weights, in the binary layout of
 * snapshot-weights-layout.ts; the X-Live-Version header names their version.
 * The last run's stay readable after it ends, until the next start; 404 before any.
 */
export const LIVE_WEIGHTS_PATH = '/api/live-training/weights';
export const LIVE_VERSION_HEADER = 'X-Live-Version';

/** Display -> hub: start a run (refused while one runs or when the model in use is not a 784-...-10 ReLU MLP), or stop it. */
export const liveTrainingRequestSchema = z.strictObject({
  type: z.literal('live-training'),
  action: z.enum(['start', 'stop']),
});

export const LIVE_TRAINING_STATES = ['starting', 'running', 'completed', 'stopped', 'failed'] as const;

/**
 * Hub -> every display: the run's state, sent when it changes and with every
 * weights update (a few a second). `version` counts weight updates (0: none
 * yet); fetch LIVE_WEIGHTS_PATH when it is newer than the weights on the GPU.
 */
export const liveTrainingStatusSchema = z.object({
  type: z.literal('live-training'),
  state: z.enum(LIVE_TRAINING_STATES),
  /** The model whose architecture the live network copies (its id as in the welcome). */
  modelId: z.string(),
  version: z.number().int().min(0),
  imagesSeen: z.number().int().min(0),
  totalImages: z.number().int().min(0),
  batches: z.number().int().min(0),
  epoch: z.number().int().min(0),
  epochs: z.number().int().min(0),
  /** Mean training loss since the previous update (null before the first batch). */
  loss: z.number().nullable(),
  /** Fraction of the test images it gets right, as of the last timeline milestone it passed (null before the first test). */
  testAccuracy: z.number().min(0).max(1).nullable(),
  testImages: z.number().int().min(0),
  samplesPerSecond: z.number().min(0),
  /** tfjs backend in the worker: wasm or cpu (empty while starting). */
  backend: z.string(),
  /** Why it failed (state "failed"), for logs and operators. */
  error: z.string().max(2_000).optional(),
});

export type LiveTrainingRequest = z.infer<typeof liveTrainingRequestSchema>;
export type LiveTrainingStatus = z.infer<typeof liveTrainingStatusSchema>;
export type LiveTrainingState = LiveTrainingStatus['state'];
