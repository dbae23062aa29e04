import { describe, expect, it } from 'vitest';
import { NIGHTLY_GIVE_UP_MS, nextNightlyRestartAt, nightlyRestartCheck, restartTimeOn } from '../../../../app/kiosk/nightly-restart.js';

// Local times built with the Date constructor, so the test holds in any time zone.
const at = (day: number, hour: number, minute = 0) => new Date(2026, 2, day, hour, minute).getTime();
const base = { hour: 4, startedAt: at(1, 9), lastRestartAt: null, drawing: false };

describe('nightly restart', () => {
  it('restarts at the hour, not before', () => {
    expect(nightlyRestartCheck({ ...base, now: at(2, 3, 59) })).toBe('wait');
    expect(nightlyRestartCheck({ ...base, now: at(2, 4, 0) })).toBe('restart');
    expect(nightlyRestartCheck({ ...base, now: at(2, 4, 30) })).toBe('restart');
  });

  it('postpones while a visitor draws, and restarts once they stop', () => {
    expect(nightlyRestartCheck({ ...base, now: at(2, 4, 1), drawing: true })).toBe('postpone');
    expect(nightlyRestartCheck({ ...base, now: at(2, 4, 4), drawing: false })).toBe('restart');
  });

  it('gives the night up two hours after the hour', () => {
    expect(nightlyRestartCheck({ ...base, now: at(2, 4) + NIGHTLY_GIVE_UP_MS })).toBe('wait');
  });

  it('never restarts twice the same night: not after a start past the hour, nor after a recorded restart', () => {
    expect(nightlyRestartCheck({ ...base, startedAt: at(2, 4, 0) + 5_000, now: at(2, 4, 10) })).toBe('wait');
    // The clock was set back after tonight's restart: the record still stops a second one.
    expect(nightlyRestartCheck({ ...base, lastRestartAt: at(2, 4, 0), now: at(2, 4, 30) })).toBe('wait');
    // The next night is due again.
    expect(nightlyRestartCheck({ ...base, startedAt: at(2, 4, 0) + 5_000, lastRestartAt: at(2, 4, 0), now: at(3, 4, 0) })).toBe('restart');
  });

  it('never, when the hour is null', () => {
    expect(nightlyRestartCheck({ ...base, hour: null, now: at(2, 4) })).toBe('wait');
  });

  it('names the next restart time', () => {
    expect(restartTimeOn(at(2, 13), 4)).toBe(at(2, 4));
    expect(nextNightlyRestartAt(at(2, 3), 4)).toBe(at(2, 4));
    expect(nextNightlyRestartAt(at(2, 4), 4)).toBe(at(3, 4));
    expect(nextNightlyRestartAt(at(31, 23), 0)).toBe(new Date(2026, 3, 1, 0).getTime());
  });
});
