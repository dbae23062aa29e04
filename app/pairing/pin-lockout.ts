/**
 * Wrong-PIN lockout per source address: after `maxFailures` wrong PINs an
 * address is locked for `firstLockMs`, each further lock twice as long up to
 * `maxLockMs`. A right PIN forgets the address, and so does `forgetAfterMs`
 * without a wrong PIN (a typo in January and four in March are no lockout).
 * Pure (clock passed in); the table is bounded so a spray from many
 * addresses cannot grow it without end.
 */
export interface LockoutRules {
  readonly maxFailures: number;
  readonly firstLockMs: number;
  readonly maxLockMs: number;
  /** Addresses remembered at most (oldest forgotten first). */
  readonly maxEntries?: number;
  /** Quiet time (no wrong PIN, not locked) after which an address starts afresh. */
  readonly forgetAfterMs?: number;
}

interface Entry {
  failures: number;
  lockedUntil: number;
  lastLockMs: number;
  lastFailMs: number;
}

export interface PinLockout {
  /** ms until `key` may try again; 0 when it may try now. */
  retryAfter(key: string, nowMs: number): number;
  /** Records a wrong PIN; returns the lock (ms) it caused, 0 if none. */
  fail(key: string, nowMs: number): number;
  succeed(key: string): void;
  size(): number;
}

export function createPinLockout(rules: LockoutRules): PinLockout {
  const entries = new Map<string, Entry>();
  const maxEntries = rules.maxEntries ?? 4096;
  const forgetAfterMs = rules.forgetAfterMs ?? 15 * 60_000;
  return {
    retryAfter(key, nowMs) {
      const entry = entries.get(key);
      return entry ? Math.max(0, entry.lockedUntil - nowMs) : 0;
    },
    fail(key, nowMs) {
      let entry = entries.get(key);
      if (entry) entries.delete(key);
      if (!entry || nowMs - Math.max(entry.lastFailMs, entry.lockedUntil) >= forgetAfterMs) entry = { failures: 0, lockedUntil: 0, lastLockMs: 0, lastFailMs: 0 };
      entry.lastFailMs = nowMs;
      // Re-inserted so that Map order is least recently failed first.
      entries.set(key, entry);
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
      entry.failures++;
      if (entry.failures < rules.maxFailures) return 0;
      entry.failures = 0;
      entry.lastLockMs = entry.lastLockMs ? Math.min(rules.maxLockMs, entry.lastLockMs * 2) : rules.firstLockMs;
      entry.lockedUntil = nowMs + entry.lastLockMs;
      return entry.lastLockMs;
    },
    succeed(key) {
      entries.delete(key);
    },
    size: () => entries.size,
  };
}
