// The watchdog: every 10 s the shell asks the hub when the display last sent
// its heartbeat (a ping every 5 s, see renderer/display/hub-client.ts) and
// reloads a display that has been silent for 30 s (app/kiosk/watchdog-check.ts).
// The reload goes through crash recovery, so its limits apply.
import { watchdogCheck, type DisplayHealth } from '../../app/kiosk/watchdog-check.js';
import type { CrashRecovery } from './crash-recovery.js';
import type { Disposer } from './disposer.js';

export interface WatchdogDeps {
  readonly health: () => DisplayHealth;
  readonly recovery: Pick<CrashRecovery, 'failure' | 'showingDisplay' | 'lastLoadAt'>;
  readonly now?: () => number;
  readonly intervalMs?: number;
  readonly silenceMs?: number;
}

export const WATCHDOG_CAUSE = 'watchdog';

export function setupDisplayWatchdog(deps: WatchdogDeps): Disposer {
  const now = deps.now ?? Date.now;
  const timer = setInterval(() => {
    const decision = watchdogCheck({
      now: now(),
      health: deps.health(),
      lastLoadAt: deps.recovery.lastLoadAt(),
      showingDisplay: deps.recovery.showingDisplay(),
      silenceMs: deps.silenceMs,
    });
    if (decision.action === 'reload') deps.recovery.failure(WATCHDOG_CAUSE);
  }, deps.intervalMs ?? 10_000);
  return () => clearInterval(timer);
}
