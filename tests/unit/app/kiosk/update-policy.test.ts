import { describe, expect, it } from 'vitest';
import { chooseVersion, compareVersions, insideWindow, mayInstall, nextCheckAt, type InstallQuestion } from '../../../../app/kiosk/update-policy.js';

// Pure rules with a fake clock: local times are built with the Date
// constructor, so the tests hold in any time zone.
const at = (h: number, m = 0) => new Date(2026, 10, 23, h, m).getTime();
const HOUR = 3_600_000;

describe('nextCheckAt', () => {
  it('checks at start, then every checkEveryHours after the last check', () => {
    expect(nextCheckAt(null, at(12), 4)).toBe(at(12));
    expect(nextCheckAt(at(12), at(12, 30), 4)).toBe(at(16));
    expect(nextCheckAt(at(12), at(12, 30), 1)).toBe(at(13));
  });

  it('never plans a check in the past (a laptop woke up after the due time)', () => {
    expect(nextCheckAt(at(1), at(12), 4)).toBe(at(12));
  });
});

describe('insideWindow', () => {
  it('a window inside one day includes its open minute and excludes its close minute', () => {
    const window = { open: '03:00', close: '05:00' };
    expect(insideWindow(window, at(2, 59))).toBe(false);
    expect(insideWindow(window, at(3, 0))).toBe(true);
    expect(insideWindow(window, at(4, 59))).toBe(true);
    expect(insideWindow(window, at(5, 0))).toBe(false);
  });

  it('a window whose close is before its open runs past midnight', () => {
    const window = { open: '22:30', close: '02:00' };
    expect(insideWindow(window, at(22, 29))).toBe(false);
    expect(insideWindow(window, at(23, 15))).toBe(true);
    expect(insideWindow(window, at(0, 0))).toBe(true);
    expect(insideWindow(window, at(1, 59))).toBe(true);
    expect(insideWindow(window, at(2, 0))).toBe(false);
    expect(insideWindow(window, at(12))).toBe(false);
  });

  it('open equal to close is an empty window', () => {
    expect(insideWindow({ open: '03:00', close: '03:00' }, at(3))).toBe(false);
  });
});

describe('compareVersions', () => {
  it('orders by major, minor, patch, and a pre-release before its release', () => {
    expect(compareVersions('0.2.0', '0.1.9')).toBe(1);
    expect(compareVersions('0.10.0', '0.9.0')).toBe(1);
    expect(compareVersions('1.0.0', '1.0.0')).toBe(0);
    expect(compareVersions('1.0.0-beta.1', '1.0.0')).toBe(-1);
    expect(compareVersions('v1.0.0', '1.0.0+build.5')).toBe(0);
  });
});

describe('chooseVersion', () => {
  it('takes a newer version, not the same one, not an older one without a pin', () => {
    expect(chooseVersion('0.2.0', '0.1.0', null)).toEqual({ take: true, downgrade: false, reason: null });
    expect(chooseVersion('0.1.0', '0.1.0', null).take).toBe(false);
    const older = chooseVersion('0.1.0', '0.2.0', null);
    expect(older.take).toBe(false);
    expect(older.reason).toMatch(/older version \(0\.1\.0\).*pin it to roll back/);
  });

  it('a pin excludes every other version, newer ones included', () => {
    const choice = chooseVersion('0.3.0', '0.1.0', '0.1.0');
    expect(choice.take).toBe(false);
    expect(choice.reason).toBe('pinned to 0.1.0: the feed offers 0.3.0');
  });

  it('goes back only to the pinned version (a roll back)', () => {
    expect(chooseVersion('0.1.0', '0.2.0', '0.1.0')).toEqual({ take: true, downgrade: true, reason: null });
    expect(chooseVersion('0.0.9', '0.2.0', '0.1.0').take).toBe(false);
  });
});

describe('mayInstall', () => {
  const base: InstallQuestion = {
    now: at(3, 30),
    window: { open: '03:00', close: '05:00' },
    isDrawing: false,
    operatorAsked: false,
    downloadedVersion: '0.2.0',
    currentVersion: '0.1.0',
    pinnedVersion: null,
  };

  it('installs inside the maintenance window when nobody draws', () => {
    expect(mayInstall(base)).toEqual({ install: true });
  });

  it('waits for the window outside it, naming the window', () => {
    expect(mayInstall({ ...base, now: at(12) })).toEqual({ install: false, waitingFor: 'the maintenance window (03:00-05:00)' });
  });

  it('never installs while a visitor draws, inside the window or on the operator word', () => {
    expect(mayInstall({ ...base, isDrawing: true })).toMatchObject({ install: false, waitingFor: expect.stringMatching(/drawing/) });
    expect(mayInstall({ ...base, now: at(12), operatorAsked: true, isDrawing: true })).toMatchObject({ install: false });
  });

  it('the operator may install outside the window once the pad is idle', () => {
    expect(mayInstall({ ...base, now: at(12), operatorAsked: true })).toEqual({ install: true });
  });

  it('a pin set after the download keeps it from installing, even on the operator word', () => {
    expect(mayInstall({ ...base, operatorAsked: true, pinnedVersion: '0.1.0' })).toEqual({
      install: false,
      waitingFor: 'pinned to 0.1.0: the feed offers 0.2.0',
    });
  });

  it('a roll back to the pinned version installs like any update', () => {
    expect(mayInstall({ ...base, downloadedVersion: '0.1.0', currentVersion: '0.2.0', pinnedVersion: '0.1.0' })).toEqual({ install: true });
  });

  it('the schedule is hours apart, never a busy loop', () => {
    expect(nextCheckAt(at(3), at(3), 168) - at(3)).toBe(168 * HOUR);
  });
});
