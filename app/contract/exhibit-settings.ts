import { z } from 'zod';
import { exhibitLanguageSchema } from './exhibit-language.js';
import { attractSceneSchema } from './kiosk-settings.js';

/**
 * What the display needs of the exhibit's settings (kiosk-settings.ts):
 * sent after the welcome and again on every change, and when the opening
 * hours open or close the exhibit. The hub works out open/closed (one clock,
 * the exhibit PC's), so the page only follows it.
 */
export const exhibitSettingsSchema = z.strictObject({
  type: z.literal('exhibit-settings'),
  language: exhibitLanguageSchema,
  /** Seconds without input before attract mode starts. */
  idleTimeoutS: z.number().int().min(1).max(3600),
  /** The scenes attract mode may play, in loop order. */
  attractScenes: z.array(attractSceneSchema).min(1).max(8),
  /** False outside the opening hours: the display dims and attract mode pauses. */
  open: z.boolean(),
  /** When `open` next flips (ms since 1970), or null when it never does. */
  nextChangeAt: z.number().nullable(),
});

export type ExhibitSettings = z.infer<typeof exhibitSettingsSchema>;
