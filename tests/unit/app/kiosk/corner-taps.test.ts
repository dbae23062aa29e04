import { describe, expect, it } from 'vitest';
import { CORNER_TAPS, createCornerTaps } from '../../../../app/kiosk/corner-taps.js';

describe('createCornerTaps', () => {
  it('fires on the fifth tap in the top-left corner within 3 s, then starts afresh', () => {
    const taps = createCornerTaps();
    const fired = [0, 500, 1000, 1500, 2000].map((t) => taps.tap(10, 20, t));
    expect(fired).toEqual([false, false, false, false, true]);
    // The count starts again: four more taps are not enough.
    expect([2100, 2200, 2300, 2400].map((t) => taps.tap(5, 5, t))).toEqual([false, false, false, false]);
    expect(taps.tap(5, 5, 2500)).toBe(true);
  });

  it('does not fire when the five taps take longer than the window', () => {
    const taps = createCornerTaps();
    const fired = [0, 800, 1600, 2400, 3200].map((t) => taps.tap(1, 1, t));
    expect(fired).toEqual([false, false, false, false, false]);
    // The first tap has dropped out of the window; one more within it completes five.
    expect(taps.tap(1, 1, 3300)).toBe(true);
  });

  it('a tap outside the corner starts the count afresh', () => {
    const taps = createCornerTaps();
    for (const t of [0, 100, 200, 300]) taps.tap(10, 10, t);
    expect(taps.tap(CORNER_TAPS.cornerPx, 10, 400)).toBe(false);
    expect(taps.tap(10, 10, 500)).toBe(false);
    expect([600, 700, 800].map((t) => taps.tap(10, 10, t))).toEqual([false, false, false]);
    expect(taps.tap(10, 10, 900)).toBe(true);
  });

  it('ignores the other corners, negative and non-finite positions', () => {
    const taps = createCornerTaps({ count: 2, windowMs: 1000, cornerPx: 50 });
    expect(taps.tap(1900, 10, 0)).toBe(false);
    expect(taps.tap(10, 1000, 10)).toBe(false);
    expect(taps.tap(-1, 10, 20)).toBe(false);
    expect(taps.tap(Number.NaN, 10, 30)).toBe(false);
    expect(taps.tap(10, 10, 40)).toBe(false);
    expect(taps.tap(10, 10, 50)).toBe(true);
  });

  it('a clock that goes backwards does not count old taps', () => {
    const taps = createCornerTaps({ count: 3, windowMs: 1000, cornerPx: 50 });
    taps.tap(1, 1, 5000);
    taps.tap(1, 1, 5100);
    expect(taps.tap(1, 1, 100)).toBe(false);
    expect(taps.tap(1, 1, 200)).toBe(false);
    expect(taps.tap(1, 1, 300)).toBe(true);
  });

  it('reset forgets the taps so far', () => {
    const taps = createCornerTaps({ count: 2, windowMs: 1000, cornerPx: 50 });
    taps.tap(1, 1, 0);
    taps.reset();
    expect(taps.tap(1, 1, 10)).toBe(false);
    expect(taps.tap(1, 1, 20)).toBe(true);
  });
});
