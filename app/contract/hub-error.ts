import { z } from 'zod';

/**
 * Typed errors the hub answers with. Clients branch on `code`; `message` is
 * for logs and operators, never shown to visitors as is.
 */
export const HUB_ERROR_CODES = [
  /** The frame is not valid JSON. */
  'bad-json',
  /** A binary frame where the protocol expects JSON text. */
  'bad-frame',
  /** Larger than MESSAGE_LIMITS.maxFrameBytes. */
  'too-large',
  /** Valid JSON that does not match any message schema. */
  'invalid-message',
  /** Another message before hello, or a second hello. */
  'hello-required',
  /** Wrong secret (the socket is closed after this error). */
  'unauthorized',
  'unknown-snapshot',
  /** The model or a snapshot failed to load; the one in use stays. */
  'model-error',
  /** HTTP: no such page or endpoint (also what LAN clients get for loopback-only ones). */
  'not-found',
  /** HTTP: wrong method or malformed path. */
  'bad-request',
  /** Inference or another hub-side failure; the hub keeps serving. */
  'internal',
  /** Pen: too many wrong PINs from this address; the error carries retryAfterMs (close 4429). */
  'locked-out',
  /** Pen: this device token was revoked by the operator (close 4401); pair again. */
  'revoked',
  /** Pen: over the message or point budget; the message was dropped (retryAfterMs says when there is room). */
  'rate-limited',
  /** Pen or display pad: another pen is drawing; this ink is kept but not shown (retryAfterMs: until the holder may be idle). */
  'not-your-turn',
  /** Pen: a stroke number the hub did not expect; send `drawing` with the whole drawing. */
  'out-of-sync',
  /** Display: live training cannot start now (one already runs, or the model in use is not a 784-...-10 ReLU MLP). */
  'live-training-refused',
] as const;

export type HubErrorCode = (typeof HUB_ERROR_CODES)[number];

export const hubErrorSchema = z.object({
  type: z.literal('error'),
  code: z.enum(HUB_ERROR_CODES),
  message: z.string().max(2_000),
  /** When trying again makes sense (locked-out, rate-limited, not-your-turn). */
  retryAfterMs: z.number().int().min(0).optional(),
});

export type HubError = z.infer<typeof hubErrorSchema>;

export function hubError(code: HubErrorCode, message: string): HubError {
  // Messages can quote client input: keep them short so an error never echoes a megabyte back.
  return { type: 'error', code, message: message.length > 500 ? `${message.slice(0, 497)}...` : message };
}
