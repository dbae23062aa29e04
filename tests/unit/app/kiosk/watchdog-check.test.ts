import { describe, expect, it } from 'vitest';
import { watchdogCheck, WATCHDOG_SILENCE_MS } from '../../../../app/kiosk/watchdog-check.js';

const health = (lastHeartbeatAt: number | null) => ({ displays: 1, lastHeartbeatAt, fps: 60 });

describe('watchdogCheck', () => {
  it('leaves a display alone while it heartbeats', () => {
    expect(watchdogCheck({ now: 100_000, health: health(95_000), lastLoadAt: 0, showingDisplay: true })).toEqual({ action: 'none' });
  });

  it('reloads after 30 s without a heartbeat', () => {
    expect(watchdogCheck({ now: 100_000, health: health(70_000), lastLoadAt: 0, showingDisplay: true })).toEqual({ action: 'reload', silentForMs: 30_000 });
    expect(watchdogCheck({ now: 99_999, health: health(70_000), lastLoadAt: 0, showingDisplay: true })).toEqual({ action: 'none' });
  });

  it('gives a freshly loaded page the full allowance, even with an old heartbeat on record', () => {
    expect(watchdogCheck({ now: 100_000, health: health(10_000), lastLoadAt: 90_000, showingDisplay: true })).toEqual({ action: 'none' });
    expect(watchdogCheck({ now: 120_000, health: health(10_000), lastLoadAt: 90_000, showingDisplay: true })).toEqual({ action: 'reload', silentForMs: 30_000 });
  });

  it('a page that never heartbeat at all is reloaded once the allowance after its load is up', () => {
    expect(watchdogCheck({ now: WATCHDOG_SILENCE_MS - 1, health: { displays: 0, lastHeartbeatAt: null, fps: null }, lastLoadAt: 0, showingDisplay: true }).action).toBe('none');
    expect(watchdogCheck({ now: WATCHDOG_SILENCE_MS, health: { displays: 0, lastHeartbeatAt: null, fps: null }, lastLoadAt: 0, showingDisplay: true }).action).toBe('reload');
  });

  it('does nothing while the recovery page is up', () => {
    expect(watchdogCheck({ now: 1e9, health: health(null), lastLoadAt: 0, showingDisplay: false })).toEqual({ action: 'none' });
  });

  it('takes another allowance when given', () => {
    expect(watchdogCheck({ now: 5_000, health: health(0), lastLoadAt: 0, showingDisplay: true, silenceMs: 5_000 }).action).toBe('reload');
  });
});
