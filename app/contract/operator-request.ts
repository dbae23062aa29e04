import { z } from 'zod';
import { exhibitLanguageSchema } from './exhibit-language.js';
import { ATTRACT_SCENES, attractSceneSchema, daySpanSchema, openingHoursSchema, UPDATE_CHANNELS } from './kiosk-settings.js';

/**
 * What the operator page (renderer/operator/, in the display's overlay or on
 * a laptop on the LAN) may ask of the hub, over HTTP JSON at /api/operator/*.
 * Every body is checked against these schemas at the hub before anything is
 * done; objects are strict, so an unknown key is refused, not ignored.
 */

/** JSON request bodies are small: a settings change is well under 4 KiB. */
export const OPERATOR_LIMITS = {
  maxJsonBytes: 16 * 1024,
  /** A model upload (export folder or ONNX) in one multipart request. */
  maxUploadBytes: 128 * 1024 * 1024,
  /** Files in one upload: a manifest and up to 1,000 snapshot files (MODEL_LIMITS.maxTimelineEntries). */
  maxUploadFiles: 1_100,
  /** Minutes without a request after which an operator session ends. */
  sessionIdleMs: 15 * 60_000,
} as const;

/** The operator PIN: digits only (touch keypad), 4 to 12 of them. */
export const operatorPinSchema = z.string().regex(/^\d{4,8}$/, 'a PIN of 4 to 8 digits (settings/operator-pin.ts)');

/** POST /api/operator/login */
export const operatorLoginSchema = z.strictObject({ pin: z.string().max(64) });

/** Reply to a good login: the session token goes in `Authorization: Bearer` on every later request. */
export const operatorSessionSchema = z.strictObject({
  type: z.literal('operator-session'),
  token: z.string(),
  /** The session ends after this long without a request. */
  idleMs: z.number().int().min(1),
});

const id = z.string().min(1).max(200);

/** The settings fields the menu changes; each one optional, nothing else allowed (the PIN has its own request). */
export const settingsChangeSchema = z.strictObject({
  language: exhibitLanguageSchema.optional(),
  idleTimeoutS: z.number().int().min(10).max(3600).optional(),
  attractScenes: z.array(attractSceneSchema).min(1).max(ATTRACT_SCENES.length).optional(),
  openingHours: openingHoursSchema.optional(),
  launchAtLogin: z.boolean().optional(),
  nightlyRestartHour: z.number().int().min(0).max(23).nullable().optional(),
  updates: z
    .strictObject({
      feedUrl: z.url({ protocol: /^https?$/ }).max(2000).nullable().optional(),
      channel: z.enum(UPDATE_CHANNELS).optional(),
      maintenanceWindow: daySpanSchema.optional(),
      enabled: z.boolean().optional(),
    })
    .optional(),
});

/** POST /api/operator/action */
export const operatorActionSchema = z.discriminatedUnion('action', [
  /** Shows this snapshot on every display now (a preview: settings unchanged). */
  z.strictObject({ action: z.literal('preview-snapshot'), snapshotId: id }),
  /** Keeps the snapshot shown now as the exhibit's default (settings.snapshotId). */
  z.strictObject({ action: z.literal('keep-snapshot') }),
  /** Back to the default snapshot (settings.snapshotId, else the model's own). */
  z.strictObject({ action: z.literal('revert-snapshot') }),
  /** One of the installed models (state.installedModels[].id): never a free path. */
  z.strictObject({ action: z.literal('switch-model'), modelId: id }),
  z.strictObject({ action: z.literal('set-settings'), change: settingsChangeSchema }),
  z.strictObject({ action: z.literal('set-pin'), current: z.string().max(64), next: operatorPinSchema }),
  z.strictObject({ action: z.literal('revoke-device'), deviceId: z.string().min(1).max(64) }),
  z.strictObject({ action: z.literal('check-update') }),
  /** Pin the running or the last good version (null: follow the feed again); see docs/UPDATES.md. */
  z.strictObject({ action: z.literal('pin-update'), which: z.enum(['current', 'last-good']).nullable() }),
  z.strictObject({ action: z.literal('install-update') }),
  z.strictObject({ action: z.literal('restart') }),
  z.strictObject({ action: z.literal('exit') }),
  z.strictObject({ action: z.literal('logout') }),
]);

export type OperatorLogin = z.infer<typeof operatorLoginSchema>;
export type OperatorSession = z.infer<typeof operatorSessionSchema>;
export type SettingsChange = z.infer<typeof settingsChangeSchema>;
export type OperatorAction = z.infer<typeof operatorActionSchema>;
