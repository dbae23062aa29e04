// The one window: full screen, no frame or menu, and a page that cannot reach
// Node or Electron (contextIsolation, sandbox, no nodeIntegration). The page
// is the hub's display page, the same one Chromium shows in kiosk mode.
import { BrowserWindow, Menu, type BrowserWindowConstructorOptions } from 'electron';
import type { Disposer } from './disposer.js';

export function kioskWindowOptions(devTools: boolean): BrowserWindowConstructorOptions {
  return {
    kiosk: true,
    fullscreen: true,
    frame: false,
    autoHideMenuBar: true,
    // Shown once the first frame is painted: no white flash at start.
    show: false,
    backgroundColor: '#000000',
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      spellcheck: false,
      devTools,
      // Attract loops keep running when nobody touches the screen.
      backgroundThrottling: false,
    },
  };
}

export interface KioskWindow {
  window: BrowserWindow;
  dispose: Disposer;
}

/** `beforeLoad` runs before the first load, so that crash recovery also sees a first load that fails. */
export async function setupKioskWindow(url: string, devTools: boolean, beforeLoad?: (window: BrowserWindow) => void): Promise<KioskWindow> {
  Menu.setApplicationMenu(null);
  const window = new BrowserWindow(kioskWindowOptions(devTools));
  window.removeMenu();
  window.once('ready-to-show', () => window.show());
  beforeLoad?.(window);
  try {
    await window.loadURL(url);
  } catch (error) {
    // The window stays up: crash recovery (crash-recovery.ts) reloads it or shows the recovery page.
    console.error(`shell: the display page did not load: ${error instanceof Error ? error.message : String(error)}`);
  }
  return {
    window,
    dispose: () => {
      if (!window.isDestroyed()) window.destroy();
    },
  };
}
