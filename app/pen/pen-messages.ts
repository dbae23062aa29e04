/**
 * Pen protocol v1 messages as the pen page sends and reads them (spec:
 * /tmp/spec/pen-protocol.md, docs/PROTOCOL.md once the hub side lands).
 * Plain types for now: the hub owns the zod schemas in app/contract/pen-*.ts,
 * and the page switches to those types when they exist.
 */
export const PEN_PROTOCOL = 1;

/** [x, y] or [x, y, pressure 0..1] in CSS pixels of the drawing surface, y down. */
export type PenPoint = readonly [number, number] | readonly [number, number, number];
export type PenStroke = readonly PenPoint[];

export type PenAuth = { kind: 'device'; token: string } | { kind: 'pair'; token: string } | { kind: 'pin'; pin: string };

export type PenClientMessage =
  | { type: 'hello'; role: 'pen'; protocol: typeof PEN_PROTOCOL; auth: PenAuth; name?: string; clientId: string }
  | { type: 'stroke-begin'; stroke: number; points: PenPoint[] }
  | { type: 'stroke-points'; stroke: number; points: PenPoint[] }
  | { type: 'stroke-end'; stroke: number }
  | { type: 'undo' }
  | { type: 'clear' }
  | { type: 'drawing'; strokes: PenPoint[][] }
  | { type: 'ping'; t: number };

/** Ink messages: the ones the batcher produces. */
export type PenInkMessage = Extract<PenClientMessage, { type: 'stroke-begin' | 'stroke-points' | 'stroke-end' | 'undo' | 'clear' | 'drawing' }>;

export interface DrawerState {
  /** True when this pen is the one drawing now. */
  readonly active: boolean;
  /** Name of the pen drawing now, null when nobody is. */
  readonly holder: string | null;
  /** True when the holder has been idle long enough for any pen to take over by drawing. */
  readonly free?: boolean;
  readonly idleTakeoverMs: number;
}

export type PenHubMessage =
  | { type: 'paired'; deviceId: string; deviceToken: string }
  | { type: 'pen-welcome'; protocol: number; deviceId: string; language: string; drawer: DrawerState }
  | ({ type: 'drawer' } & DrawerState)
  | { type: 'guess'; digit: number | null; confidence: number; empty: boolean; stroke: number | null; points?: number }
  | { type: 'pong'; t?: number; hubTime: number }
  | { type: 'error'; code: string; message: string; retryAfterMs?: number };

/** WebSocket close codes of the pen socket. */
export const PEN_CLOSE = { unauthorized: 4401, helloTimeout: 4408, tooMany: 4429, goingAway: 1001 } as const;
