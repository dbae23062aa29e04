import { z } from 'zod';
import { exhibitLanguageSchema } from './exhibit-language.js';

/**
 * The exhibit's settings: what operators change in the operator menu and what
 * survives a restart. One schema, checked wherever settings come in (the
 * settings file, the operator page's requests); every field has a default,
 * so an empty file is a valid first start. Kept by main/settings/ (conf,
 * atomic writes, last good copy); read by the hub, the shell and the updater.
 */

/** Attract mode's scenes, in loop order (app/kiosk/attract-schedule.ts plays them). */
export const ATTRACT_SCENES = ['digit', 'timeline', 'camera', 'cta'] as const;
export const attractSceneSchema = z.enum(ATTRACT_SCENES);

/** "HH:MM", 24-hour clock, local time of the exhibit PC. */
export const clockTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day as HH:MM (24-hour clock)');

/** One span of the day; `close` before `open` runs past midnight. */
export const daySpanSchema = z.strictObject({ open: clockTimeSchema, close: clockTimeSchema });

/**
 * Opening hours: per weekday (0 = Sunday, as Date.getDay()), a span or null
 * (closed all day). Outside them the display dims and attract mode pauses.
 * Disabled: always open.
 */
export const openingHoursSchema = z.strictObject({
  enabled: z.boolean().default(false),
  days: z
    .array(daySpanSchema.nullable())
    .length(7, 'one entry per weekday, Sunday first')
    .default(Array.from({ length: 7 }, () => ({ open: '09:00', close: '18:00' }))),
});

/**
 * The operator PIN, never in clear: scrypt of the PIN with a random salt
 * (hex). Null only before the first start has made one (see main/settings/).
 */
export const pinHashSchema = z.strictObject({
  algorithm: z.literal('scrypt'),
  salt: z.string().regex(/^[0-9a-f]{32}$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});

export const UPDATE_CHANNELS = ['latest', 'beta', 'alpha'] as const;

export const updateSettingsSchema = z.strictObject({
  /** Generic-provider feed (the folder holding latest.yml); null: the one built into the installer. */
  feedUrl: z.url({ protocol: /^https?$/ }).max(2000).nullable().default(null),
  channel: z.enum(UPDATE_CHANNELS).default('latest'),
  /** Downloaded updates install only inside this window (local time), never while a visitor draws. */
  maintenanceWindow: daySpanSchema.default({ open: '03:00', close: '05:00' }),
  /** Check the feed at all (an exhibit without network turns this off). */
  enabled: z.boolean().default(true),
  /** Hours between checks after the one at start. */
  checkEveryHours: z.number().int().min(1).max(168).default(4),
  /** A version the operator pinned: nothing else installs (rolling back to it is allowed). */
  pinnedVersion: z.string().max(64).nullable().default(null),
});

export const kioskSettingsSchema = z.strictObject({
  version: z.literal(1).default(1),
  language: exhibitLanguageSchema.default('en'),
  /** Seconds without input before attract mode starts. */
  idleTimeoutS: z.number().int().min(10).max(3600).default(45),
  attractScenes: z.array(attractSceneSchema).min(1).max(ATTRACT_SCENES.length).default([...ATTRACT_SCENES]),
  /** The model the exhibit shows (export manifest or .onnx); null: the bundled default model. */
  modelPath: z.string().min(1).max(4096).nullable().default(null),
  /** The snapshot shown by default; null: the model's own default (its last). */
  snapshotId: z.string().min(1).max(200).nullable().default(null),
  openingHours: openingHoursSchema.default({ enabled: false, days: Array.from({ length: 7 }, () => ({ open: '09:00', close: '18:00' })) }),
  operatorPin: pinHashSchema.nullable().default(null),
  launchAtLogin: z.boolean().default(true),
  /** A soft restart of the kiosk once a night at this hour (local), or null for never. */
  nightlyRestartHour: z.number().int().min(0).max(23).nullable().default(4),
  updates: updateSettingsSchema.default({
    feedUrl: null,
    channel: 'latest',
    maintenanceWindow: { open: '03:00', close: '05:00' },
    enabled: true,
    checkEveryHours: 4,
    pinnedVersion: null,
  }),
});

export type AttractSceneSetting = z.infer<typeof attractSceneSchema>;
export type DaySpan = z.infer<typeof daySpanSchema>;
export type OpeningHours = z.infer<typeof openingHoursSchema>;
export type PinHash = z.infer<typeof pinHashSchema>;
export type UpdateSettings = z.infer<typeof updateSettingsSchema>;
export type KioskSettings = z.infer<typeof kioskSettingsSchema>;

/** Every default: what a first start, or a reset, gives. */
export function defaultKioskSettings(): KioskSettings {
  return kioskSettingsSchema.parse({});
}
