import { z } from 'zod';
import { exhibitLanguageSchema } from './exhibit-language.js';
import { PROTOCOL_VERSION } from './limits.js';
import { backendNotesSchema, modelInfoSchema } from './model-info.js';

/** Hub -> display messages other than frames and errors. */

/** The answer to a good hello: everything the display needs before the first frame. */
export const welcomeSchema = z.object({
  type: z.literal('welcome'),
  protocol: z.literal(PROTOCOL_VERSION),
  role: z.literal('display'),
  model: modelInfoSchema,
  /** The snapshot whose weights the hub runs now. */
  snapshotId: z.string(),
  /** Inference backend in use, e.g. "onnxruntime-node (cpu)" or "js". */
  backend: z.string(),
  backendNotes: backendNotesSchema,
  /** The exhibit's language: visitor-facing words follow it. */
  language: exhibitLanguageSchema,
});

/** Sent to every display when the hub switched to another snapshot; a frame for the current ink follows. */
export const snapshotChangedSchema = z.object({
  type: z.literal('snapshot'),
  modelId: z.string(),
  snapshotId: z.string(),
  backend: z.string(),
  backendNotes: backendNotesSchema,
});

export const pongSchema = z.object({
  type: z.literal('pong'),
  t: z.number().optional(),
  /** Hub clock (ms since the epoch). */
  hubTime: z.number(),
});

/**
 * The display reloads itself (the operator's "reload display" or the watchdog
 * when the kiosk runs in Chromium, where the hub has no window to reload).
 */
export const reloadSchema = z.object({
  type: z.literal('reload'),
  /** Why, for the page's log: 'operator', 'watchdog', ... */
  cause: z.string().max(200),
});

export type Welcome = z.infer<typeof welcomeSchema>;
export type SnapshotChanged = z.infer<typeof snapshotChangedSchema>;
export type Pong = z.infer<typeof pongSchema>;
export type ReloadMessage = z.infer<typeof reloadSchema>;
