import { describe, expect, it } from 'vitest';
import { lockoutKeyOf } from '../../../../app/pairing/address-key.js';
import { createDrawerRule } from '../../../../app/pairing/drawer-rule.js';
import { createPinLockout } from '../../../../app/pairing/pin-lockout.js';
import { createTokenBucket } from '../../../../app/pairing/token-bucket.js';

describe('token bucket', () => {
  it('allows the burst, then the sustained rate, and says how long to wait', () => {
    const bucket = createTokenBucket(10, 100, 0);
    for (let i = 0; i < 10; i++) expect(bucket.take(1, 0)).toBe(0);
    expect(bucket.take(1, 0)).toBe(10);
    expect(bucket.take(1, 10)).toBe(0);
    expect(bucket.take(5, 10)).toBe(50);
    expect(bucket.take(5, 60)).toBe(0);
  });
  it('never holds more than its capacity, and a clock going back neither mints nor burns tokens', () => {
    const bucket = createTokenBucket(3, 1, 0);
    expect(bucket.take(3, 1_000_000)).toBe(0);
    expect(bucket.take(1, 1_000_000)).toBeGreaterThan(0);
    expect(bucket.take(1, 0)).toBeGreaterThan(0);
    expect(bucket.take(1, 1_001_000)).toBe(0);
    // More than it can ever hold: wait until full, still refused then (callers drop such requests).
    expect(bucket.take(10, 1_001_000)).toBe(3000);
  });
});

describe('PIN lockout', () => {
  const rules = { maxFailures: 5, firstLockMs: 60_000, maxLockMs: 15 * 60_000 };
  it('locks an address after 5 wrong PINs, doubling up to 15 minutes, per address', () => {
    const lockout = createPinLockout(rules);
    for (let i = 0; i < 4; i++) expect(lockout.fail('a', 0)).toBe(0);
    expect(lockout.retryAfter('a', 0)).toBe(0);
    expect(lockout.fail('a', 0)).toBe(60_000);
    expect(lockout.retryAfter('a', 1_000)).toBe(59_000);
    expect(lockout.retryAfter('b', 1_000)).toBe(0);
    let now = 60_000;
    const locks: number[] = [];
    for (let round = 0; round < 6; round++) {
      for (let i = 0; i < 4; i++) lockout.fail('a', now);
      const lock = lockout.fail('a', now);
      locks.push(lock);
      now += lock;
    }
    expect(locks).toEqual([120_000, 240_000, 480_000, 900_000, 900_000, 900_000]);
  });
  it('forgets an address after a right PIN and stays bounded', () => {
    const lockout = createPinLockout({ ...rules, maxEntries: 3 });
    for (let i = 0; i < 4; i++) lockout.fail('a', 0);
    lockout.succeed('a');
    expect(lockout.fail('a', 0)).toBe(0);
    for (const key of ['b', 'c', 'd', 'e']) lockout.fail(key, 0);
    expect(lockout.size()).toBe(3);
  });

  it('forgets an address after 15 quiet minutes: old typos do not add up to a lockout', () => {
    const lockout = createPinLockout(rules);
    const minute = 60_000;
    for (let i = 0; i < 4; i++) lockout.fail('a', 0);
    expect(lockout.fail('a', 16 * minute)).toBe(0);
    for (let i = 0; i < 3; i++) expect(lockout.fail('a', 16 * minute)).toBe(0);
    // The fifth within the quiet time locks, and the lock length starts afresh after a quiet spell.
    expect(lockout.fail('a', 17 * minute)).toBe(rules.firstLockMs);
    const after = 17 * minute + rules.firstLockMs + 16 * minute;
    for (let i = 0; i < 4; i++) lockout.fail('a', after);
    expect(lockout.fail('a', after)).toBe(rules.firstLockMs);
  });

  it('counts IPv4 per address (however the listener writes it) and IPv6 per /64', () => {
    expect(lockoutKeyOf('192.0.2.7')).toBe('192.0.2.7');
    expect(lockoutKeyOf('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(lockoutKeyOf('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(lockoutKeyOf('2001:0db8:0001:0002:ffff:1:2:3')).toBe('2001:db8:1:2::/64');
    expect(lockoutKeyOf('2001:db8::5')).toBe('2001:db8:0:0::/64');
    expect(lockoutKeyOf('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(lockoutKeyOf('::1')).toBe('0:0:0:0::/64');
  });
});

describe('drawer rule', () => {
  it('first pen draws; another waits until the holder is idle for 4 s; clear frees at once', () => {
    const rule = createDrawerRule(4_000);
    expect(rule.state(0)).toEqual({ holder: null, free: true });
    expect(rule.ink('A', 0)).toBe(true);
    expect(rule.ink('B', 100)).toBe(false);
    expect(rule.ink('A', 3_000)).toBe(true);
    expect(rule.ink('B', 6_999)).toBe(false);
    expect(rule.state(6_999)).toEqual({ holder: 'A', free: false });
    expect(rule.idleAt()).toBe(7_000);
    expect(rule.ink('B', 7_000)).toBe(true);
    expect(rule.ink('A', 7_001)).toBe(false);
    rule.release('A');
    expect(rule.state(7_001).holder).toBe('B');
    rule.release('B');
    expect(rule.state(7_002)).toEqual({ holder: null, free: true });
    expect(rule.ink('A', 7_003)).toBe(true);
  });
});
