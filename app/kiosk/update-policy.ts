import type { DaySpan } from '../contract/kiosk-settings.js';

/**
 * When the kiosk checks for updates and when a downloaded one may install,
 * as pure functions of the clock and the exhibit's state. main/update/ asks
 * these and does what they say; nothing here keeps time or state, so a test
 * can ask about any moment.
 */

const HOUR_MS = 3_600_000;

/** When the next check is due: at start (no check yet), then every `checkEveryHours` after the last one. */
export function nextCheckAt(lastCheckAt: number | null, now: number, checkEveryHours: number): number {
  if (lastCheckAt === null) return now;
  return Math.max(now, lastCheckAt + Math.max(1, checkEveryHours) * HOUR_MS);
}

function minutesOf(clock: string): number {
  const [h, m] = clock.split(':');
  return Number(h) * 60 + Number(m);
}

/**
 * Whether `now` (epoch ms, read in the exhibit PC's local time) lies inside
 * the window. A window whose close is before its open runs past midnight
 * (22:00-02:00); open equal to close is an empty window (never).
 */
export function insideWindow(window: DaySpan, now: number): boolean {
  const date = new Date(now);
  const minute = date.getHours() * 60 + date.getMinutes();
  const open = minutesOf(window.open);
  const close = minutesOf(window.close);
  if (open === close) return false;
  return open < close ? minute >= open && minute < close : minute >= open || minute < close;
}

/** Compares "1.2.3" and "1.2.3-beta.1" style versions: <0, 0, >0 (a pre-release sorts before its release). */
export function compareVersions(a: string, b: string): number {
  const split = (v: string) => {
    const [plain = ''] = v.replace(/^v/, '').split('+');
    const dash = plain.indexOf('-');
    const core = dash < 0 ? plain : plain.slice(0, dash);
    return { nums: core.split('.').map((n) => Number.parseInt(n, 10) || 0), pre: dash < 0 ? undefined : plain.slice(dash + 1) };
  };
  const x = split(a);
  const y = split(b);
  for (let i = 0; i < 3; i++) {
    const d = (x.nums[i] ?? 0) - (y.nums[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  if (x.pre === y.pre) return 0;
  if (x.pre === undefined) return 1;
  if (y.pre === undefined) return -1;
  return x.pre < y.pre ? -1 : 1;
}

export interface VersionChoice {
  /** Take (download and later install) the version the feed offers. */
  readonly take: boolean;
  /** Taking it goes back to an older version (electron-updater's allowDowngrade). */
  readonly downgrade: boolean;
  /** Why not, for the operator (null when taken). */
  readonly reason: string | null;
}

/**
 * Whether the version the feed offers may be taken. Newer versions are taken
 * unless the operator pinned another one; an older version only as a roll
 * back to the pinned version (pin the last good version to roll back).
 */
export function chooseVersion(offered: string, current: string, pinnedVersion: string | null): VersionChoice {
  const order = compareVersions(offered, current);
  if (order === 0) return { take: false, downgrade: false, reason: null };
  if (pinnedVersion !== null && compareVersions(offered, pinnedVersion) !== 0) {
    return { take: false, downgrade: false, reason: `pinned to ${pinnedVersion}: the feed offers ${offered}` };
  }
  if (order < 0 && pinnedVersion === null) {
    return { take: false, downgrade: false, reason: `the feed offers an older version (${offered}); pin it to roll back` };
  }
  return { take: true, downgrade: order < 0, reason: null };
}

export interface InstallQuestion {
  readonly now: number;
  readonly window: DaySpan;
  /** A visitor is drawing (the pad is not idle). */
  readonly isDrawing: boolean;
  /** The operator pressed "install now" (still never mid-drawing). */
  readonly operatorAsked: boolean;
  readonly downloadedVersion: string;
  readonly currentVersion: string;
  readonly pinnedVersion: string | null;
}

export type InstallAnswer = { readonly install: true } | { readonly install: false; readonly waitingFor: string };

/** Whether a downloaded update may install now, and if not what it waits for (shown to the operator). */
export function mayInstall(q: InstallQuestion): InstallAnswer {
  const choice = chooseVersion(q.downloadedVersion, q.currentVersion, q.pinnedVersion);
  if (!choice.take) return { install: false, waitingFor: choice.reason ?? `${q.downloadedVersion} is already running` };
  if (q.isDrawing) return { install: false, waitingFor: 'a visitor is drawing: installs when the pad is idle' };
  if (!q.operatorAsked && !insideWindow(q.window, q.now)) {
    return { install: false, waitingFor: `the maintenance window (${q.window.open}-${q.window.close})` };
  }
  return { install: true };
}
