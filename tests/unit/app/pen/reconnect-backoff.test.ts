import { describe, expect, it } from 'vitest';
import { Backoff, BACKOFF, reconnectDelayMs } from '../../../../app/pen/reconnect-backoff.js';
import { HEARTBEAT, LinkWatch } from '../../../../app/pen/link-watch.js';
import { SeededRandom } from '../../../../app/random/seeded-random.js';

describe('reconnectDelayMs', () => {
  it('grows from 0.5 s to a 10 s cap without jitter (random = 0.5)', () => {
    const delays = Array.from({ length: 8 }, (_, i) => reconnectDelayMs(i, () => 0.5));
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 10_000, 10_000, 10_000]);
    expect(reconnectDelayMs(5000, () => 0.5)).toBe(10_000);
  });

  it('spreads each delay by at most +-30%, and the extremes are reached', () => {
    expect(reconnectDelayMs(0, () => 0)).toBe(350);
    expect(reconnectDelayMs(0, () => 1)).toBe(650);
    expect(reconnectDelayMs(10, () => 0)).toBe(7_000);
    expect(reconnectDelayMs(10, () => 1)).toBe(13_000);
    // A broken random source cannot make the delay zero or endless.
    expect(reconnectDelayMs(0, () => NaN)).toBe(500);
    expect(reconnectDelayMs(0, () => 7)).toBe(650);
  });

  it('jitters: many tablets retrying at the same attempt spread over the whole band', () => {
    const rng = new SeededRandom(42);
    const random = () => rng.next();
    const delays = Array.from({ length: 1000 }, () => reconnectDelayMs(3, random));
    const base = BACKOFF.firstMs * 8;
    for (const d of delays) {
      expect(d).toBeGreaterThanOrEqual(base * 0.7);
      expect(d).toBeLessThanOrEqual(base * 1.3);
    }
    expect(Math.min(...delays)).toBeLessThan(base * 0.75);
    expect(Math.max(...delays)).toBeGreaterThan(base * 1.25);
    expect(new Set(delays).size).toBeGreaterThan(300);
  });

  it('Backoff counts attempts and starts over after reset', () => {
    const b = new Backoff(() => 0.5);
    expect([b.next(), b.next(), b.next()]).toEqual([500, 1000, 2000]);
    expect(b.attempts).toBe(3);
    b.reset();
    expect(b.next()).toBe(500);
  });
});

describe('LinkWatch', () => {
  it('pings every 5 s and calls a link silent for more than 12 s dead', () => {
    let now = 1_000;
    const watch = new LinkWatch(() => now);
    now += HEARTBEAT.pingEveryMs - 1;
    expect(watch.tick()).toBe('wait');
    now += 1;
    expect(watch.tick()).toBe('ping');
    expect(watch.tick()).toBe('wait');
    now += HEARTBEAT.pingEveryMs;
    expect(watch.tick()).toBe('ping');
    watch.heard();
    now += HEARTBEAT.deadAfterMs;
    expect(watch.tick()).not.toBe('dead');
    now += 1;
    expect(watch.tick()).toBe('dead');
  });
});
