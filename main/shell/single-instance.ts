// One kiosk per machine: a second launch (a double-clicked icon, a login item
// plus a service) would fight the first for the port and the screen. It
// brings the running kiosk's window to the front and ends.
import { app, type BrowserWindow } from 'electron';
import type { Disposer } from './disposer.js';

export interface SingleInstance {
  /** False: another kiosk runs; this one must end (it has told the other). */
  readonly primary: boolean;
  readonly dispose: Disposer;
}

export function setupSingleInstance(window: () => BrowserWindow | undefined): SingleInstance {
  if (!app.requestSingleInstanceLock()) return { primary: false, dispose: () => {} };
  const onSecondInstance = (): void => {
    const w = window();
    if (!w || w.isDestroyed()) return;
    if (w.isMinimized()) w.restore();
    w.show();
    w.focus();
  };
  app.on('second-instance', onSecondInstance);
  return {
    primary: true,
    dispose: () => {
      app.off('second-instance', onSecondInstance);
      app.releaseSingleInstanceLock();
    },
  };
}
