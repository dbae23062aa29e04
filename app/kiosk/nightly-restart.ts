/**
 * The nightly soft restart: once a night at the operator's hour (local time
 * of the exhibit PC), never while a visitor draws (try again a few minutes
 * later), and never twice the same night. Pure: times in, a decision out.
 */
export interface NightlyRestartInput {
  readonly now: number;
  /** settings.nightlyRestartHour; null: never. */
  readonly hour: number | null;
  /** When this process started: a kiosk started after tonight's hour (the restart itself) waits for tomorrow. */
  readonly startedAt: number;
  /** The last nightly restart on record (the restart history), so a clock set back cannot repeat one. */
  readonly lastRestartAt: number | null;
  readonly drawing: boolean;
}

export type NightlyDecision = 'restart' | 'postpone' | 'wait';

/** After this long past the hour the night's restart is given up (a visitor drew all that time). */
export const NIGHTLY_GIVE_UP_MS = 2 * 60 * 60_000;
/** How soon to look again after a postponement. */
export const NIGHTLY_RETRY_MS = 3 * 60_000;

/** Tonight's restart time: `hour`:00 local on the day of `now`. */
export function restartTimeOn(now: number, hour: number): number {
  const day = new Date(now);
  return new Date(day.getFullYear(), day.getMonth(), day.getDate(), hour, 0, 0, 0).getTime();
}

/** The next restart time strictly after `now` (for the operator's health page). */
export function nextNightlyRestartAt(now: number, hour: number): number {
  const today = restartTimeOn(now, hour);
  if (today > now) return today;
  const tomorrow = new Date(today);
  tomorrow.setDate(tomorrow.getDate() + 1);
  return restartTimeOn(tomorrow.getTime(), hour);
}

export function nightlyRestartCheck(input: NightlyRestartInput): NightlyDecision {
  const { now, hour } = input;
  if (hour === null) return 'wait';
  const due = restartTimeOn(now, hour);
  if (now < due || now >= due + NIGHTLY_GIVE_UP_MS) return 'wait';
  if (input.startedAt >= due) return 'wait';
  if (input.lastRestartAt !== null && input.lastRestartAt >= due) return 'wait';
  return input.drawing ? 'postpone' : 'restart';
}
