// How the app ends: when its window is gone, on SIGINT/SIGTERM (Ctrl+C, the
// launcher, a service manager), or when start-up fails; always by running
// every disposer first, so that the hub closes its port and the power-save
// blocker is released.
import { app } from 'electron';
import { disposeAll, type Disposer } from './disposer.js';

/** Returns `quit(exitCode)`, the one way the shell ends itself. */
export function setupQuitPolicy(disposers: Disposer[]): (exitCode?: number) => void {
  let state: 'running' | 'disposing' | 'done' = 'running';
  let exitCode = 0;
  const quit = (code = 0): void => {
    exitCode = Math.max(exitCode, code);
    app.quit();
  };
  app.on('window-all-closed', () => quit());
  process.once('SIGINT', () => quit());
  process.once('SIGTERM', () => quit());
  app.on('will-quit', (event) => {
    if (state === 'done') return;
    event.preventDefault();
    if (state === 'disposing') return;
    state = 'disposing';
    void disposeAll(disposers).finally(() => {
      state = 'done';
      app.exit(exitCode);
    });
  });
  return quit;
}
