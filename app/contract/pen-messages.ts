import { z } from 'zod';
import { PROTOCOL_VERSION } from './limits.js';
import { PEN_LIMITS } from './pen-limits.js';
import { penPointBatchSchema, penPointMoreSchema, penStrokesSchema, strokeNumberSchema } from './pen-ink-schema.js';

/** Everything a pen page may send on /pen/ws (docs/PROTOCOL.md). Strict objects: unknown keys are refused. */

const token = z.string().min(16).max(PEN_LIMITS.maxTokenLength).regex(/^[A-Za-z0-9_-]+$/, 'must be base64url');

export const penAuthSchema = z.discriminatedUnion('kind', [
  /** The device token from an earlier `paired`. */
  z.strictObject({ kind: z.literal('device'), token }),
  /** The one-time token from the QR code's #pair= fragment. */
  z.strictObject({ kind: z.literal('pair'), token }),
  z.strictObject({ kind: z.literal('pin'), pin: z.string().regex(/^\d{6}$/, 'must be 6 digits') }),
]);

export const penHelloSchema = z.strictObject({
  type: z.literal('hello'),
  role: z.literal('pen'),
  protocol: z.literal(PROTOCOL_VERSION),
  auth: penAuthSchema,
  /** Shown to other pens and to the operator, e.g. "iPad 3". */
  name: z.string().trim().min(1).max(PEN_LIMITS.maxNameLength).optional(),
  /** Random per page load: tells the hub two sockets of one page apart from two pages. */
  clientId: z.string().min(PEN_LIMITS.minClientIdLength).max(PEN_LIMITS.maxClientIdLength).regex(/^[A-Za-z0-9_-]+$/, 'must be letters, digits, _ or -'),
});

export const strokeBeginSchema = z.strictObject({ type: z.literal('stroke-begin'), stroke: strokeNumberSchema, points: penPointBatchSchema });
export const strokePointsSchema = z.strictObject({ type: z.literal('stroke-points'), stroke: strokeNumberSchema, points: penPointMoreSchema });
export const strokeEndSchema = z.strictObject({ type: z.literal('stroke-end'), stroke: strokeNumberSchema });
export const undoSchema = z.strictObject({ type: z.literal('undo') });
export const penClearSchema = z.strictObject({ type: z.literal('clear') });
/** The whole drawing; replaces the hub's copy for this pen (after a reconnect). */
export const drawingSchema = z.strictObject({ type: z.literal('drawing'), strokes: penStrokesSchema });
export const penPingSchema = z.strictObject({ type: z.literal('ping'), t: z.number().optional() });

export const penMessageSchema = z.discriminatedUnion('type', [penHelloSchema, strokeBeginSchema, strokePointsSchema, strokeEndSchema, undoSchema, penClearSchema, drawingSchema, penPingSchema]);

export type PenAuth = z.infer<typeof penAuthSchema>;
export type PenHello = z.infer<typeof penHelloSchema>;
export type PenMessage = z.infer<typeof penMessageSchema>;
/** Messages that change the pen's drawing (counted against the drawer rule). */
export type PenInkMessage = Extract<PenMessage, { type: 'stroke-begin' | 'stroke-points' | 'stroke-end' | 'undo' | 'clear' | 'drawing' }>;
