/** What the hub knows of its displays' heartbeats (RunningHub.displayHealth()). */
export interface DisplayHealth {
  /** Displays connected now (hello accepted). */
  readonly displays: number;
  /** When a display last sent a heartbeat (ms since the epoch), or null if none ever did. */
  readonly lastHeartbeatAt: number | null;
  /** The frame rate that heartbeat reported, or null when unknown. */
  readonly fps: number | null;
}

export interface WatchdogInput {
  readonly now: number;
  readonly health: DisplayHealth;
  /** When the shell last (re)loaded the display page: a fresh page gets the full silence allowance. */
  readonly lastLoadAt: number;
  /** False while the recovery page is up: crash recovery owns the window then. */
  readonly showingDisplay: boolean;
  /** Default 30 s: six missed pings (the display pings every 5 s). */
  readonly silenceMs?: number;
}

export type WatchdogDecision = { readonly action: 'none' } | { readonly action: 'reload'; readonly silentForMs: number };

export const WATCHDOG_SILENCE_MS = 30_000;

/**
 * Reload the display when it has been silent for too long: no heartbeat
 * since the later of its last heartbeat and its last load. A page hung in a
 * busy loop sends nothing (and Electron's 'unresponsive' catches it too); a
 * page whose socket broke and never came back sends nothing either.
 */
export function watchdogCheck(input: WatchdogInput): WatchdogDecision {
  if (!input.showingDisplay) return { action: 'none' };
  const silenceMs = input.silenceMs ?? WATCHDOG_SILENCE_MS;
  const heardAt = Math.max(input.lastLoadAt, input.health.lastHeartbeatAt ?? -Infinity);
  const silentForMs = input.now - heardAt;
  return silentForMs >= silenceMs ? { action: 'reload', silentForMs } : { action: 'none' };
}
