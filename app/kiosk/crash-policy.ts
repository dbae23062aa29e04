/**
 * When the display fails (its renderer crashed, hung, failed to load, or the
 * watchdog heard nothing from it), what the shell does: reload it, at most
 * `maxReloads` times in `windowMs`; past that, show the calm recovery page and
 * retry the display from there with growing pauses. A display that stayed up
 * for `stableMs` since the last failure starts with a clean slate. Pure: the
 * caller passes the clock, so a fake clock tests every path.
 */
export interface CrashPolicyOptions {
  readonly maxReloads: number;
  readonly windowMs: number;
  readonly stableMs: number;
  /** First pause on the recovery page; doubles per failed retry up to retryMaxMs. */
  readonly retryBaseMs: number;
  readonly retryMaxMs: number;
}

export const DEFAULT_CRASH_POLICY: CrashPolicyOptions = {
  maxReloads: 3,
  windowMs: 60_000,
  stableMs: 5 * 60_000,
  retryBaseMs: 5_000,
  retryMaxMs: 60_000,
};

export type CrashDecision =
  | { readonly action: 'reload' }
  /** Show (or keep) the recovery page and try the display again in `retryInMs`. */
  | { readonly action: 'recovery'; readonly retryInMs: number };

export interface CrashPolicy {
  /** The display failed at `now`: what to do. */
  failure(now: number): CrashDecision;
  /** A retry from the recovery page brought the display back. */
  recovered(now: number): void;
  readonly inRecovery: boolean;
}

export function createCrashPolicy(options: CrashPolicyOptions = DEFAULT_CRASH_POLICY): CrashPolicy {
  let reloads: number[] = [];
  let lastFailureAt: number | null = null;
  let inRecovery = false;
  // Failed retries since the display was last stable: the recovery page's backoff.
  let retries = 0;

  return {
    failure(now) {
      if (lastFailureAt !== null && now - lastFailureAt >= options.stableMs && !inRecovery) {
        reloads = [];
        retries = 0;
      }
      lastFailureAt = now;
      reloads = reloads.filter((at) => now - at < options.windowMs);
      if (!inRecovery && reloads.length < options.maxReloads) {
        reloads.push(now);
        return { action: 'reload' };
      }
      inRecovery = true;
      const retryInMs = Math.min(options.retryMaxMs, options.retryBaseMs * 2 ** Math.min(retries, 30));
      retries++;
      return { action: 'recovery', retryInMs };
    },
    recovered() {
      inRecovery = false;
      reloads = [];
    },
    get inRecovery() {
      return inRecovery;
    },
  };
}
