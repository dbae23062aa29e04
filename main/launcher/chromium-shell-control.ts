// What the operator menu can do when the display runs in a Chromium kiosk
// window the launcher owns: reload the page (the hub tells it to reload
// itself: there is no window handle to reload), restart the browser, or end
// the launcher. Restarts and reloads are recorded as in the Electron shell.
import type { ShellControl } from '../hub/kiosk-services.js';
import type { RestartHistory } from '../shell/restart-history.js';

/** What the launcher's Chromium loop must do next, on the operator's word. */
export type ChromiumRequest = { readonly kind: 'restart'; readonly cause: string } | { readonly kind: 'exit' };

export interface ChromiumShellControl extends ShellControl {
  /** The next restart or exit asked for, in order; requests made while nobody waits are kept. */
  nextRequest(): Promise<ChromiumRequest>;
}

export interface ChromiumShellControlDeps {
  /** The hub's reloadDisplays (bound late: the hub starts after this control exists). */
  readonly reloadDisplays: (cause: string) => void;
  readonly history: RestartHistory;
}

export function createChromiumShellControl(deps: ChromiumShellControlDeps): ChromiumShellControl {
  const pending: ChromiumRequest[] = [];
  let wake: (() => void) | undefined;
  const push = (request: ChromiumRequest): void => {
    pending.push(request);
    wake?.();
  };
  return {
    kind: 'chromium',
    reloadDisplay(cause) {
      deps.history.record(cause);
      deps.reloadDisplays(cause);
    },
    restart(cause) {
      deps.history.record(cause);
      push({ kind: 'restart', cause });
    },
    exit: () => push({ kind: 'exit' }),
    restarts: () => deps.history.list(),
    async nextRequest() {
      for (;;) {
        const next = pending.shift();
        if (next) return next;
        await new Promise<void>((resolve) => (wake = resolve));
      }
    },
  };
}
