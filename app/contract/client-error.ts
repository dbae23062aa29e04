import { z } from 'zod';

/**
 * Display -> hub: an uncaught error or unhandled rejection in the page. The
 * visitor sees a calm fallback; the operator finds the error in the hub log.
 * Bounded so that a page in an error loop cannot make the hub log much: the
 * page truncates to these lengths, the hub refuses anything longer and
 * rate-limits the rest (main/hub/client-error-log.ts).
 */
export const CLIENT_ERROR_LIMITS = {
  maxMessage: 500,
  maxStack: 4_000,
  maxSource: 300,
} as const;

export const clientErrorSchema = z.strictObject({
  type: z.literal('client-error'),
  kind: z.enum(['error', 'unhandledrejection']),
  message: z.string().max(CLIENT_ERROR_LIMITS.maxMessage),
  stack: z.string().max(CLIENT_ERROR_LIMITS.maxStack).optional(),
  /** Script URL and line, when the browser gives them. */
  source: z.string().max(CLIENT_ERROR_LIMITS.maxSource).optional(),
});

export type ClientErrorMessage = z.infer<typeof clientErrorSchema>;
