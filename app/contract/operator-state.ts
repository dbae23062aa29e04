import { z } from 'zod';
import { kioskSettingsSchema } from './kiosk-settings.js';
import { backendNotesSchema, modelInfoSchema } from './model-info.js';
import { pairingInfoSchema } from './pairing-info.js';
import { pairedDeviceSchema } from './pen-devices.js';
import { updateStatusSchema } from './update-status.js';

/**
 * GET /api/operator/state, and the reply to every operator action: all the
 * operator menu shows, in one value. Never carries the PIN hash.
 */

/** The settings as the menu shows them: the PIN hash is replaced by whether one is set. */
export const operatorSettingsSchema = kioskSettingsSchema.omit({ operatorPin: true }).extend({ pinSet: z.boolean() });

export const installedModelSchema = z.strictObject({
  /** What switch-model names: the folder under <stateDir>/models/, or "bundled". */
  id: z.string(),
  name: z.string(),
  kind: z.enum(['export', 'onnx']),
  inUse: z.boolean(),
});

export const recentProblemSchema = z.strictObject({
  at: z.number(),
  level: z.enum(['warn', 'error']),
  message: z.string(),
  /** The log line's fields, as short JSON. */
  detail: z.string(),
});

export const healthSchema = z.strictObject({
  startedAt: z.number(),
  uptimeS: z.number(),
  /** process.memoryUsage() of the hub's process, bytes. */
  memory: z.strictObject({ rss: z.number(), heapUsed: z.number(), heapTotal: z.number(), external: z.number() }),
  displays: z.strictObject({
    connected: z.number().int().min(0),
    /** Frames per second the display last reported, null when it does not report them. */
    fps: z.number().nullable(),
    lastHeartbeatAt: z.number().nullable(),
  }),
  /** Display reloads and kiosk restarts with their causes; null when no shell records them. */
  restarts: z.array(z.strictObject({ at: z.number(), cause: z.string() })).nullable(),
  inference: z.strictObject({ backend: z.string(), notes: z.array(z.string()) }),
  /** The tfjs backend training would pick here, and why better ones would be skipped. */
  training: z.strictObject({ backend: z.string(), notes: z.array(z.string()) }),
  tabletsConnected: z.number().int().min(0),
  recentProblems: z.array(recentProblemSchema),
});

export const operatorStateSchema = z.strictObject({
  type: z.literal('operator-state'),
  settings: operatorSettingsSchema,
  /** Why the settings file could not be used at start (and what was used instead), or null. */
  settingsProblem: z.string().nullable(),
  model: modelInfoSchema,
  /** The snapshot shown now, and the one the exhibit returns to (the setting, else the model's own). */
  snapshotId: z.string(),
  defaultSnapshotId: z.string(),
  backend: z.string(),
  backendNotes: backendNotesSchema,
  installedModels: z.array(installedModelSchema),
  /** Why a model file cannot be uploaded here (no state folder), or null when it can. */
  uploadProblem: z.string().nullable(),
  pairing: pairingInfoSchema,
  devices: z.array(pairedDeviceSchema),
  health: healthSchema,
  /** Null when this kiosk has no updater (Chromium mode, `kiosk serve`). */
  updates: updateStatusSchema.nullable(),
  /** What shows the display; null when nothing the hub controls (no restart or exit from the menu). */
  shell: z.enum(['electron', 'chromium', 'none']).nullable(),
});

export type OperatorSettings = z.infer<typeof operatorSettingsSchema>;
export type InstalledModel = z.infer<typeof installedModelSchema>;
export type RecentProblem = z.infer<typeof recentProblemSchema>;
export type OperatorHealth = z.infer<typeof healthSchema>;
export type OperatorState = z.infer<typeof operatorStateSchema>;
