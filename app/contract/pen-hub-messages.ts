import { z } from 'zod';
import { exhibitLanguageSchema } from './exhibit-language.js';
import { PROTOCOL_VERSION } from './limits.js';
import { PEN_LIMITS } from './pen-limits.js';
import { pongSchema } from './display-messages.js';
import { hubErrorSchema } from './hub-error.js';

/** Everything the hub sends to a pen on /pen/ws (docs/PROTOCOL.md). */

/** Who draws now, from the receiving pen's point of view. */
export const drawerStateSchema = z.strictObject({
  type: z.literal('drawer'),
  /** True when this pen is the active drawer. */
  active: z.boolean(),
  /** Name of the active pen (this one included); null when nobody holds the turn. */
  holder: z.string().max(PEN_LIMITS.maxNameLength).nullable(),
  /** True when the holder has been idle long enough for any pen to take over by drawing. */
  free: z.boolean(),
  idleTakeoverMs: z.number().int().min(0),
});

export const pairedSchema = z.strictObject({
  type: z.literal('paired'),
  deviceId: z.string(),
  /** 256-bit, base64url; the pen keeps it and sends it with kind "device" from now on. */
  deviceToken: z.string(),
});

export const penWelcomeSchema = z.strictObject({
  type: z.literal('pen-welcome'),
  protocol: z.literal(PROTOCOL_VERSION),
  deviceId: z.string(),
  /** The name the hub shows for this pen. */
  name: z.string(),
  language: exhibitLanguageSchema,
  drawer: drawerStateSchema,
});

export const guessSchema = z.strictObject({
  type: z.literal('guess'),
  /** The top class, or null when there is no ink. */
  digit: z.number().int().min(0).max(9).nullable(),
  /** Its probability, 0..1 (0 when empty). */
  confidence: z.number().min(0).max(1),
  empty: z.boolean(),
  /** The last stroke number this guess includes; null when empty. */
  stroke: z.number().int().min(0).nullable(),
  /** How many points of the pen's drawing the guess covers. */
  points: z.number().int().min(0),
});

/** An error, sometimes with when to try again (locked-out, rate-limited). */
export const penErrorSchema = hubErrorSchema;

export const penHubMessageSchema = z.discriminatedUnion('type', [pairedSchema, penWelcomeSchema, drawerStateSchema, guessSchema, pongSchema, penErrorSchema]);

export type DrawerState = z.infer<typeof drawerStateSchema>;
export type Paired = z.infer<typeof pairedSchema>;
export type PenWelcome = z.infer<typeof penWelcomeSchema>;
export type Guess = z.infer<typeof guessSchema>;
export type PenError = z.infer<typeof penErrorSchema>;
export type PenHubMessage = z.infer<typeof penHubMessageSchema>;
