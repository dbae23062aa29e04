import type { z } from 'zod';
import { clientMessageSchema, type ClientMessage } from './client-messages.js';
import { hubError, type HubError } from './hub-error.js';
import { MESSAGE_LIMITS } from './limits.js';

/**
 * The hub's one entry point for client frames: size, JSON, then schema. Never
 * throws; whatever arrives becomes either a typed message or a typed error,
 * so a hostile frame cannot take the hub down.
 */

/** A WebSocket frame as the transport handed it over (the hub decodes UTF-8). */
export type RawFrame = { readonly kind: 'text'; readonly text: string; readonly bytes: number } | { readonly kind: 'binary'; readonly bytes: number };

export type ParseResult = { readonly ok: true; readonly message: ClientMessage } | { readonly ok: false; readonly error: HubError };

/** Checked against the union by the compiler both ways (see the Missing check below). */
export const CLIENT_MESSAGE_TYPES = ['hello', 'ink', 'clear', 'select-snapshot', 'ping', 'timeline', 'client-error', 'live-training'] as const satisfies readonly ClientMessage['type'][];
type Missing = Exclude<ClientMessage['type'], (typeof CLIENT_MESSAGE_TYPES)[number]>;
const _everyTypeListed: [Missing] extends [never] ? true : never = true;
const MESSAGE_TYPES: readonly string[] = CLIENT_MESSAGE_TYPES;

export function parseClientMessage(frame: RawFrame): ParseResult {
  if (frame.bytes > MESSAGE_LIMITS.maxFrameBytes) {
    return fail(hubError('too-large', `frame of ${frame.bytes} bytes is over the limit of ${MESSAGE_LIMITS.maxFrameBytes}`));
  }
  if (frame.kind === 'binary') return fail(hubError('bad-frame', 'expected a JSON text frame, got binary'));

  let data: unknown;
  try {
    data = JSON.parse(frame.text);
  } catch {
    return fail(hubError('bad-json', 'frame is not valid JSON'));
  }

  const type = typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as { type?: unknown }).type : undefined;
  if (typeof type !== 'string' || !MESSAGE_TYPES.includes(type)) {
    const got = typeof type === 'string' ? `"${type.slice(0, 40)}"` : 'none';
    return fail(hubError('invalid-message', `unknown message type ${got} (expected one of ${MESSAGE_TYPES.join(', ')})`));
  }

  const result = clientMessageSchema.safeParse(data);
  if (!result.success) return fail(hubError('invalid-message', `${type}: ${describeIssue(result.error)}`));
  return { ok: true, message: result.data };
}

function fail(error: HubError): ParseResult {
  return { ok: false, error };
}

/** "strokes[0][3][1]: must be a finite number", from zod's first issue. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  let path = '';
  for (const key of issue.path) path += typeof key === 'number' ? `[${key}]` : path ? `.${String(key)}` : String(key);
  // A hand-written check (pen points) reports "[i][k]: what" below the field zod names.
  if (issue.message.startsWith('[') && path) return `${path}${issue.message}`;
  return `${path || '(message)'}: ${issue.message}`;
}
