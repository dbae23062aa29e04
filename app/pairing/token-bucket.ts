/**
 * A token bucket: `capacity` tokens, refilled at `perSecond`. take(n) spends
 * n tokens when there are enough and otherwise says how long until there
 * would be. The clock is passed in, so tests need no timers.
 */
export interface TokenBucket {
  /** 0 when taken; otherwise the ms until n tokens are available (nothing is taken). */
  take(n: number, nowMs: number): number;
}

export function createTokenBucket(capacity: number, perSecond: number, startMs: number): TokenBucket {
  let tokens = capacity;
  let last = startMs;
  return {
    take(n, nowMs) {
      // A clock that goes backwards (NTP step) must not mint or burn tokens.
      const elapsed = Math.max(0, nowMs - last);
      last = Math.max(last, nowMs);
      tokens = Math.min(capacity, tokens + (elapsed * perSecond) / 1000);
      if (n <= tokens) {
        tokens -= n;
        return 0;
      }
      // More than the bucket can ever hold: the wait until it is full.
      return Math.ceil(((Math.min(n, capacity) - tokens) * 1000) / perSecond) || 1;
    },
  };
}
