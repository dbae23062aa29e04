// What the operator menu (through the hub's KioskServices) can do to the
// Electron shell: reload the display, restart the kiosk, exit it, and see
// the history of restarts with their causes.
import { app } from 'electron';
import type { ShellControl } from '../hub/kiosk-services.js';
import type { CrashRecovery } from './crash-recovery.js';
import type { RestartHistory } from './restart-history.js';

export interface ElectronShellControlDeps {
  /** Set once the window exists; before that a reload has nothing to act on. */
  readonly recovery: () => Pick<CrashRecovery, 'reload'> | undefined;
  readonly history: RestartHistory;
  /** The quit policy's quit(exitCode): disposes everything, then exits. */
  readonly quit: (exitCode?: number) => void;
  /** This run's arguments (after the executable), passed on to the relaunched kiosk. */
  readonly argv?: readonly string[];
}

export interface ElectronShellControl extends ShellControl {
  /** Restarts with extra arguments for the next run (e.g. NO_GPU_FLAG). */
  restartWith(cause: string, extraArgs: readonly string[]): void;
}

export function createElectronShellControl(deps: ElectronShellControlDeps): ElectronShellControl {
  const argv = deps.argv ?? process.argv.slice(1);
  let ending = false;
  const restartWith = (cause: string, extraArgs: readonly string[]): void => {
    if (ending) return;
    ending = true;
    deps.history.record(cause);
    // relaunch only registers the new start; it happens once this process has exited.
    app.relaunch({ args: [...new Set([...argv, ...extraArgs])] });
    deps.quit(0);
  };
  return {
    kind: 'electron',
    reloadDisplay: (cause) => deps.recovery()?.reload(cause),
    restart: (cause) => restartWith(cause, []),
    restartWith,
    exit: () => {
      if (ending) return;
      ending = true;
      deps.quit(0);
    },
    restarts: () => deps.history.list(),
  };
}
