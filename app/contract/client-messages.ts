import { z } from 'zod';
import { MESSAGE_LIMITS, PROTOCOL_VERSION } from './limits.js';
import { clientErrorSchema } from './client-error.js';
import { strokesSchema } from './ink-schema.js';
import { liveTrainingRequestSchema } from './live-training.js';

/**
 * Everything a client may send to the hub. Objects are strict: an unknown key
 * is a client bug or a probe, and saying so early beats silently ignoring it.
 */

/** Clients number their ink messages; the frame that answers one echoes its id (latency, ordering). */
const messageId = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/**
 * The first message on every socket. Only the display role exists so far; the
 * pen (device token) and operator roles join this union in later issues.
 */
export const displayHelloSchema = z.strictObject({
  type: z.literal('hello'),
  role: z.literal('display'),
  protocol: z.literal(PROTOCOL_VERSION),
  /** The per-launch secret from the display URL. */
  secret: z.string().min(1).max(MESSAGE_LIMITS.maxSecretLength),
});

export const helloSchema = z.discriminatedUnion('role', [displayHelloSchema]);

/**
 * Attract mode's own ink (a real MNIST digit drawn as if by hand): shown only
 * while no tablet holds the turn, and it never takes the turn, so a visitor
 * who picks up a pen is never told to wait for the exhibit's demo.
 */
const attractFlag = z.literal(true).optional();

/** The whole drawing so far; it replaces the previous one (idempotent, so a lost message costs nothing). */
export const inkMessageSchema = z.strictObject({
  type: z.literal('ink'),
  id: messageId,
  strokes: strokesSchema,
  attract: attractFlag,
});

export const clearMessageSchema = z.strictObject({
  type: z.literal('clear'),
  id: messageId.optional(),
  attract: attractFlag,
});

export const selectSnapshotSchema = z.strictObject({
  type: z.literal('select-snapshot'),
  snapshotId: z.string().min(1).max(MESSAGE_LIMITS.maxIdLength),
});

/**
 * The display opened or closed the timeline: while at least one display has
 * it open, every drawing is also classified by every snapshot (timeline-frame).
 */
export const timelineMessageSchema = z.strictObject({
  type: z.literal('timeline'),
  open: z.boolean(),
});

export const pingSchema = z.strictObject({
  type: z.literal('ping'),
  /** Client clock, echoed back so the client can measure the round trip. */
  t: z.number().optional(),
  /**
   * The display's heartbeat: animation frames per second over the last
   * seconds (the shell's watchdog and the operator's health page read it).
   */
  fps: z.number().finite().min(0).max(1000).optional(),
});

export const clientMessageSchema = z.discriminatedUnion('type', [helloSchema, inkMessageSchema, clearMessageSchema, selectSnapshotSchema, pingSchema, timelineMessageSchema, clientErrorSchema, liveTrainingRequestSchema]);

export type DisplayHello = z.infer<typeof displayHelloSchema>;
export type Hello = z.infer<typeof helloSchema>;
export type InkMessage = z.infer<typeof inkMessageSchema>;
export type ClearMessage = z.infer<typeof clearMessageSchema>;
export type SelectSnapshotMessage = z.infer<typeof selectSnapshotSchema>;
export type TimelineMessage = z.infer<typeof timelineMessageSchema>;
export type PingMessage = z.infer<typeof pingSchema>;
export type ClientMessage = z.infer<typeof clientMessageSchema>;
