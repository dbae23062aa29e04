import { describe, expect, it } from 'vitest';
import { createCrashPolicy, DEFAULT_CRASH_POLICY } from '../../../../app/kiosk/crash-policy.js';

// A fake clock: plain numbers of milliseconds passed to the policy.
const S = 1000;

describe('createCrashPolicy', () => {
  it('reloads three times within a minute, then shows the recovery page', () => {
    const policy = createCrashPolicy();
    expect(policy.failure(0)).toEqual({ action: 'reload' });
    expect(policy.failure(10 * S)).toEqual({ action: 'reload' });
    expect(policy.failure(20 * S)).toEqual({ action: 'reload' });
    expect(policy.failure(30 * S)).toEqual({ action: 'recovery', retryInMs: 5 * S });
    expect(policy.inRecovery).toBe(true);
  });

  it('reloads again once the earlier reloads are more than a minute old', () => {
    const policy = createCrashPolicy();
    policy.failure(0);
    policy.failure(20 * S);
    policy.failure(40 * S);
    // The first reload (at 0) left the window at 60 s.
    expect(policy.failure(61 * S)).toEqual({ action: 'reload' });
    expect(policy.failure(62 * S)).toEqual({ action: 'recovery', retryInMs: 5 * S });
  });

  it('backs off on the recovery page: each failed retry waits twice as long, up to the maximum', () => {
    const policy = createCrashPolicy();
    for (let i = 0; i < 3; i++) policy.failure(i);
    const waits = [];
    for (let i = 0; i < 6; i++) {
      const decision = policy.failure(10 + i);
      if (decision.action !== 'recovery') throw new Error('expected the recovery page');
      waits.push(decision.retryInMs);
    }
    expect(waits).toEqual([5 * S, 10 * S, 20 * S, 40 * S, 60 * S, 60 * S]);
  });

  it('after a successful retry a new failure reloads again, while the backoff carries on until stable', () => {
    const policy = createCrashPolicy();
    for (let i = 0; i < 4; i++) policy.failure(i * S);
    policy.recovered(10 * S);
    expect(policy.inRecovery).toBe(false);
    expect(policy.failure(20 * S)).toEqual({ action: 'reload' });
    policy.failure(21 * S);
    policy.failure(22 * S);
    // Second time on the recovery page within minutes: the pause has grown.
    expect(policy.failure(23 * S)).toEqual({ action: 'recovery', retryInMs: 10 * S });
  });

  it('a display stable for five minutes starts with a clean slate', () => {
    const policy = createCrashPolicy();
    for (let i = 0; i < 5; i++) policy.failure(i * S);
    policy.recovered(10 * S);
    const later = 4 * S + DEFAULT_CRASH_POLICY.stableMs;
    expect(policy.failure(later)).toEqual({ action: 'reload' });
    policy.failure(later + 1);
    policy.failure(later + 2);
    expect(policy.failure(later + 3)).toEqual({ action: 'recovery', retryInMs: 5 * S });
  });

  it('honours its options', () => {
    const policy = createCrashPolicy({ maxReloads: 1, windowMs: 1000, stableMs: 5000, retryBaseMs: 100, retryMaxMs: 150 });
    expect(policy.failure(0)).toEqual({ action: 'reload' });
    expect(policy.failure(1)).toEqual({ action: 'recovery', retryInMs: 100 });
    expect(policy.failure(2)).toEqual({ action: 'recovery', retryInMs: 150 });
  });
});
