import path from 'node:path';
import type { AppAdapter } from 'electron-updater/out/AppAdapter.js';

/**
 * electron-updater's view of the app, for plain Node: what Electron's app
 * object tells it in the kiosk (ElectronAppAdapter). `appUpdateConfigPath`
 * is the installer's app-update.yml (feed and cache folder name); the
 * staging id (.updaterId, which decides staged rollouts) lives in
 * `userDataPath`, downloads under `baseCachePath`.
 */
export interface NodeAppAdapterOptions {
  readonly version: string;
  readonly name?: string;
  readonly appUpdateConfigPath: string;
  readonly userDataPath: string;
  readonly baseCachePath: string;
  readonly quit?: () => void;
  readonly relaunch?: () => void;
}

export function createNodeAppAdapter(options: NodeAppAdapterOptions): AppAdapter {
  return {
    version: options.version,
    name: options.name ?? 'mlp-kiosk',
    // The updater only runs in a packaged app (or with forceDevUpdateConfig): this adapter stands for one.
    isPackaged: true,
    appUpdateConfigPath: path.resolve(options.appUpdateConfigPath),
    userDataPath: path.resolve(options.userDataPath),
    baseCachePath: path.resolve(options.baseCachePath),
    whenReady: () => Promise.resolve(),
    relaunch: () => options.relaunch?.(),
    quit: () => options.quit?.(),
    // Nothing quits a Node process the way Electron's app does; autoInstallOnAppQuit is off anyway.
    onQuit: () => {},
  };
}
