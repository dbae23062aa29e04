import { hubError } from './hub-error.js';
import { describeIssue, type RawFrame } from './parse-client-message.js';
import { PEN_LIMITS } from './pen-limits.js';
import { penMessageSchema, type PenMessage } from './pen-messages.js';
import type { PenError } from './pen-hub-messages.js';

/**
 * The hub's entry point for pen frames: size, JSON, then schema. Never
 * throws. `drawing` (the whole drawing after a reconnect) may be larger than
 * the other messages; its bigger limit is checked on the raw text before
 * parsing, so no frame above maxDrawingFrameBytes is ever parsed.
 */
export type PenParseResult = { readonly ok: true; readonly message: PenMessage } | { readonly ok: false; readonly error: PenError };

export const PEN_MESSAGE_TYPES = ['hello', 'stroke-begin', 'stroke-points', 'stroke-end', 'undo', 'clear', 'drawing', 'ping'] as const satisfies readonly PenMessage['type'][];
type Missing = Exclude<PenMessage['type'], (typeof PEN_MESSAGE_TYPES)[number]>;
const _everyTypeListed: [Missing] extends [never] ? true : never = true;
const MESSAGE_TYPES: readonly string[] = PEN_MESSAGE_TYPES;

export function parsePenMessage(frame: RawFrame): PenParseResult {
  if (frame.bytes > PEN_LIMITS.maxDrawingFrameBytes) return tooLarge(frame.bytes, PEN_LIMITS.maxDrawingFrameBytes);
  if (frame.kind === 'binary') return fail('bad-frame', 'expected a JSON text frame, got binary');
  // Cheap test before parsing a large frame: only `drawing` may be this big.
  if (frame.bytes > PEN_LIMITS.maxFrameBytes && !/^\s*\{\s*"type"\s*:\s*"drawing"/.test(frame.text.slice(0, 64))) {
    return tooLarge(frame.bytes, PEN_LIMITS.maxFrameBytes);
  }

  let data: unknown;
  try {
    data = JSON.parse(frame.text);
  } catch {
    return fail('bad-json', 'frame is not valid JSON');
  }
  const type = typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as { type?: unknown }).type : undefined;
  if (typeof type !== 'string' || !MESSAGE_TYPES.includes(type)) {
    const got = typeof type === 'string' ? `"${type.slice(0, 40)}"` : 'none';
    return fail('invalid-message', `unknown message type ${got} (expected one of ${MESSAGE_TYPES.join(', ')})`);
  }
  if (frame.bytes > PEN_LIMITS.maxFrameBytes && type !== 'drawing') return tooLarge(frame.bytes, PEN_LIMITS.maxFrameBytes);
  const result = penMessageSchema.safeParse(data);
  if (!result.success) return fail('invalid-message', `${type}: ${describeIssue(result.error)}`);
  return { ok: true, message: result.data };
}

function tooLarge(bytes: number, limit: number): PenParseResult {
  return fail('too-large', `frame of ${bytes} bytes is over the limit of ${limit}`);
}

function fail(code: PenError['code'], message: string): PenParseResult {
  return { ok: false, error: hubError(code, message) };
}
