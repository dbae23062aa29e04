// Entry point of the Electron main process (bundled to dist/main/electron-main.js,
// package.json "main"). Started by `kiosk start` or as the installed app.
import { app } from 'electron';
import { stderrLog } from '../hub/hub-log.js';
import { startHub } from '../hub/start-hub.js';
import { openSettingsStore } from '../settings/open-settings-store.js';
import { createElectronUpdateService } from '../update/create-electron-update-service.js';
import { bootShell } from './boot-shell.js';

// Installed: [exe, ...args]. From the launcher (or `electron script`): [exe, script, ...args].
const argv = process.argv.slice(app.isPackaged ? 1 : 2);

void bootShell({
  // The shell's services (settings, shell control, updater) reach the hub's operator routes.
  startHub: (options, services) => startHub({ ...options, services }),
  argv,
  stdout: process.stdout,
  openSettings: (stateDir) => openSettingsStore(stateDir, stderrLog),
  // electron-updater updates installed apps only; under `npm start` the operator menu says updates are not available.
  createUpdates: app.isPackaged ? (deps) => createElectronUpdateService({ ...deps, currentVersion: app.getVersion() }) : undefined,
  log: stderrLog,
});
