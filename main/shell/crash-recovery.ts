// The kiosk window's way back from failures: a crashed or killed renderer, a
// page that stays unresponsive past a grace period, a page that failed to
// load, or the watchdog's silence. app/kiosk/crash-policy.ts decides (reload,
// or the recovery page with backoff); this file does it and records why.
import type { BrowserWindow } from 'electron';
import type { CrashDecision, CrashPolicy } from '../../app/kiosk/crash-policy.js';
import type { HubLog } from '../hub/hub-log.js';
import type { Disposer } from './disposer.js';
import { isRecoveryPageUrl } from './recovery-page.js';

export interface CrashRecoveryDeps {
  readonly window: BrowserWindow;
  readonly displayUrl: string;
  /** The recovery page in the exhibit's language now. */
  readonly recoveryUrl: () => string;
  readonly policy: CrashPolicy;
  readonly record: (cause: string) => void;
  readonly log: HubLog;
  readonly now?: () => number;
  /** Is the display served? Asked before each retry, so a hub that is still down does not swap the calm page for an error page. */
  readonly probe?: (url: string) => Promise<boolean>;
  /** How long a page may stay unresponsive before it is reloaded (default 10 s). */
  readonly unresponsiveGraceMs?: number;
}

export interface CrashRecovery {
  /** Reloads the display now (the operator's word): recorded, not counted as a failure. */
  reload(cause: string): void;
  /** The display failed for `cause`: the policy decides. */
  failure(cause: string): void;
  /** False while the recovery page is up (or a retry from it is under way). */
  showingDisplay(): boolean;
  /** When the display page was last (re)loaded. */
  lastLoadAt(): number;
  readonly dispose: Disposer;
}

const ERR_ABORTED = -3;

export function setupCrashRecovery(deps: CrashRecoveryDeps): CrashRecovery {
  const { window, policy, log } = deps;
  const contents = window.webContents;
  const now = deps.now ?? Date.now;
  const probe = deps.probe ?? probeUrl;
  let page: 'display' | 'recovery' = 'display';
  let lastLoadAt = now();
  let hung = false;
  // Set when we crash a hung renderer ourselves: its 'render-process-gone' is ours, not a new failure.
  let expectGone = false;
  let unresponsiveTimer: ReturnType<typeof setTimeout> | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;

  const load = (url: string): void => {
    if (disposed || window.isDestroyed()) return;
    // Failures show up as 'did-fail-load'; the promise's rejection says the same again.
    window.loadURL(url).catch(() => {});
  };
  const freeHungRenderer = (): void => {
    if (!hung) return;
    // A hung renderer ignores reload; crashing it first is Electron's documented way out.
    hung = false;
    expectGone = true;
    contents.forcefullyCrashRenderer();
  };
  const showDisplay = (): void => {
    freeHungRenderer();
    lastLoadAt = now();
    if (page === 'display') {
      if (!disposed && !window.isDestroyed()) contents.reload();
    } else {
      page = 'display';
      load(deps.displayUrl);
    }
  };
  const scheduleRetry = (ms: number): void => {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => {
      void probe(deps.displayUrl).then((up) => {
        if (disposed) return;
        if (!up) return failure('retry-failed');
        lastLoadAt = now();
        page = 'display';
        load(deps.displayUrl);
      });
    }, ms);
  };
  function act(decision: CrashDecision, cause: string, wasInRecovery: boolean): void {
    if (decision.action === 'reload') {
      log.warn('display failed; reloading it', { cause });
      deps.record(cause);
      return showDisplay();
    }
    freeHungRenderer();
    if (page !== 'recovery') {
      // Entering recovery is recorded; a retry that failed only goes back to the calm page.
      if (!wasInRecovery) {
        log.error('display keeps failing; showing the recovery page', { cause, retryInMs: decision.retryInMs });
        deps.record(`${cause} (recovery page)`);
      }
      page = 'recovery';
      load(deps.recoveryUrl());
    }
    scheduleRetry(decision.retryInMs);
  }
  function failure(cause: string): void {
    if (disposed) return;
    const wasInRecovery = policy.inRecovery;
    act(policy.failure(now()), cause, wasInRecovery);
  }

  const onGone = (_event: unknown, details: { reason: string }): void => {
    if (expectGone) {
      expectGone = false;
      return;
    }
    failure(`crash:${details.reason}`);
  };
  const onUnresponsive = (): void => {
    hung = true;
    unresponsiveTimer ??= setTimeout(() => {
      unresponsiveTimer = undefined;
      if (hung) failure('unresponsive');
    }, deps.unresponsiveGraceMs ?? 10_000);
  };
  const onResponsive = (): void => {
    hung = false;
    clearTimeout(unresponsiveTimer);
    unresponsiveTimer = undefined;
  };
  const onFailLoad = (_event: unknown, code: number, description: string, url: string, isMainFrame: boolean): void => {
    if (!isMainFrame || code === ERR_ABORTED || isRecoveryPageUrl(url)) return;
    failure(`load-failed:${description || code}`);
  };
  const onFinishLoad = (): void => {
    if (page === 'display' && policy.inRecovery && !isRecoveryPageUrl(contents.getURL())) {
      log.info('display back after the recovery page');
      policy.recovered(now());
    }
  };
  contents.on('render-process-gone', onGone);
  contents.on('unresponsive', onUnresponsive);
  contents.on('responsive', onResponsive);
  contents.on('did-fail-load', onFailLoad);
  contents.on('did-finish-load', onFinishLoad);

  return {
    reload(cause) {
      if (disposed) return;
      log.info('reloading the display', { cause });
      deps.record(cause);
      clearTimeout(retryTimer);
      showDisplay();
    },
    failure,
    showingDisplay: () => page === 'display' && !policy.inRecovery,
    lastLoadAt: () => lastLoadAt,
    dispose: () => {
      disposed = true;
      clearTimeout(retryTimer);
      clearTimeout(unresponsiveTimer);
      if (window.isDestroyed()) return;
      contents.off('render-process-gone', onGone);
      contents.off('unresponsive', onUnresponsive);
      contents.off('responsive', onResponsive);
      contents.off('did-fail-load', onFailLoad);
      contents.off('did-finish-load', onFinishLoad);
    },
  };
}

/** The hub answers the display page: the retry can load it. */
async function probeUrl(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(3_000) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}
