import { z } from 'zod';

/**
 * Hub -> display: what the pairing panel shows (QR of penUrl, the PIN).
 * Sent after the display's welcome and again whenever the token and PIN
 * rotate (after each pairing and every 3 minutes).
 */
export const pairingInfoSchema = z.strictObject({
  type: z.literal('pairing'),
  /** http://<lan-address>:<port>/pen/#pair=<one-time token> */
  penUrl: z.string().max(300),
  pin: z.string().regex(/^\d{6}$/),
  /** When token and PIN stop working (ms since the epoch); a new pairing message comes before. */
  expiresAt: z.number().int(),
  /** False when the hub serves loopback only: tablets cannot reach it (start with --host 0.0.0.0). */
  lan: z.boolean(),
});

export type PairingInfo = z.infer<typeof pairingInfoSchema>;
