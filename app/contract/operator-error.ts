import { z } from 'zod';

/**
 * Typed errors of the operator API. The operator page branches on `code`
 * and shows `message` (written for AV/IT staff) as is.
 */
export const OPERATOR_ERROR_CODES = [
  /** The body is not JSON, is too large, has the wrong content type, or does not match the schema. */
  'bad-request',
  'too-large',
  /** Wrong PIN, no session, or the session expired (log in again). */
  'unauthorized',
  /** Too many wrong PINs from this address: retryAfterMs says when to try again. */
  'locked-out',
  /** No operator PIN has been set on this kiosk yet. */
  'no-pin',
  'not-found',
  /** This kiosk cannot do that in the mode it runs in (no updater under Chromium, no shell control). */
  'not-available',
  /** The model file was refused (the loader's message); the model in use stays. */
  'model-error',
  'unknown-snapshot',
  /** The settings change was refused or could not be saved; the settings in use stay. */
  'settings-error',
  'update-error',
  'internal',
] as const;

export type OperatorErrorCode = (typeof OPERATOR_ERROR_CODES)[number];

export const operatorErrorSchema = z.strictObject({
  type: z.literal('error'),
  code: z.enum(OPERATOR_ERROR_CODES),
  message: z.string().max(2_000),
  retryAfterMs: z.number().int().min(0).optional(),
});

export type OperatorError = z.infer<typeof operatorErrorSchema>;

export function operatorError(code: OperatorErrorCode, message: string, retryAfterMs?: number): OperatorError {
  const text = message.length > 1_000 ? `${message.slice(0, 997)}...` : message;
  return retryAfterMs === undefined ? { type: 'error', code, message: text } : { type: 'error', code, message: text, retryAfterMs };
}
