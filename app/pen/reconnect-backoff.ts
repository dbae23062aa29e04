/**
 * Reconnect delays for the pen: exponential from 0.5 s up to 10 s, each
 * spread by +-30% so the tablets of a room that lost Wi-Fi together do not
 * knock on the hub in step. `random` is injectable for tests.
 */
export const BACKOFF = { firstMs: 500, maxMs: 10_000, jitter: 0.3 } as const;

export function reconnectDelayMs(attempt: number, random: () => number = Math.random): number {
  const steps = Math.max(0, Math.floor(attempt));
  // 2 ** steps overflows to Infinity after ~1024 attempts; min() keeps it finite.
  const base = Math.min(BACKOFF.maxMs, BACKOFF.firstMs * 2 ** Math.min(steps, 30));
  const spread = 1 - BACKOFF.jitter + 2 * BACKOFF.jitter * clamp01(random());
  return Math.round(base * spread);
}

function clamp01(v: number): number {
  return Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0.5;
}

/** Counts attempts since the last good connection. */
export class Backoff {
  private attempt = 0;
  constructor(private readonly random: () => number = Math.random) {}

  /** The delay before the next attempt; each call waits longer, up to the cap. */
  next(): number {
    return reconnectDelayMs(this.attempt++, this.random);
  }

  reset(): void {
    this.attempt = 0;
  }

  get attempts(): number {
    return this.attempt;
  }
}
