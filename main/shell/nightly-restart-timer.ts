// The nightly soft restart's clock: once a minute (a timer set for hours
// would miss a sleeping PC or a clock change) ask app/kiosk/nightly-restart.ts
// whether it is time; while a visitor draws, look again a few minutes later.
import { NIGHTLY_RETRY_MS, nightlyRestartCheck } from '../../app/kiosk/nightly-restart.js';
import type { SettingsStore } from '../settings/settings-store.js';
import type { Disposer } from './disposer.js';

export interface NightlyRestartDeps {
  readonly settings: Pick<SettingsStore, 'get'>;
  readonly isDrawing: () => boolean;
  /** When this kiosk process started. */
  readonly startedAt: number;
  /** The last nightly restart on record (restart history). */
  readonly lastRestartAt: () => number | null;
  readonly restart: (cause: string) => void;
  readonly now?: () => number;
  readonly checkEveryMs?: number;
}

export const NIGHTLY_CAUSE = 'nightly';

export function setupNightlyRestart(deps: NightlyRestartDeps): Disposer {
  const now = deps.now ?? Date.now;
  let notBefore = 0;
  let done = false;
  const timer = setInterval(() => {
    const t = now();
    if (done || t < notBefore) return;
    const decision = nightlyRestartCheck({
      now: t,
      hour: deps.settings.get().nightlyRestartHour,
      startedAt: deps.startedAt,
      lastRestartAt: deps.lastRestartAt(),
      drawing: deps.isDrawing(),
    });
    if (decision === 'postpone') notBefore = t + NIGHTLY_RETRY_MS;
    if (decision !== 'restart') return;
    done = true;
    deps.restart(NIGHTLY_CAUSE);
  }, deps.checkEveryMs ?? 60_000);
  return () => clearInterval(timer);
}
