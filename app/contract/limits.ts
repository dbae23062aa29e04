/**
 * Protocol version and the limits every client message is held to. They are
 * generous for a visitor drawing a digit and small enough that a hostile or
 * broken client cannot make the hub allocate or compute much.
 */
export const PROTOCOL_VERSION = 1;

export const INK_LIMITS = {
  /** A digit is a handful of strokes; 64 leaves room for scribbles. */
  maxStrokes: 64,
  maxPointsPerStroke: 4_096,
  maxPointsTotal: 16_384,
  /** Coordinates are in any unit (pad pixels, tablet points); beyond this they are garbage. */
  maxAbsCoordinate: 1_000_000,
} as const;

export const MESSAGE_LIMITS = {
  /**
   * A text frame larger than this gets a typed "too-large" error. The full
   * ink limit written as JSON (16,384 points of two numbers) stays below it
   * when the coordinates are short: the display's pad sends them on a 0.1 px
   * grid (app/ink/pad-grid.ts, at most ~361 KB); raw doubles would not fit.
   */
  maxFrameBytes: 512 * 1024,
  /** Beyond this the socket layer drops the connection (close code 1009) without reading it. */
  hardMaxFrameBytes: 2 * 1024 * 1024,
  maxIdLength: 200,
  maxSecretLength: 256,
} as const;
