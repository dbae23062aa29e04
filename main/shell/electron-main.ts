// Entry point of the Electron main process (bundled to dist/main/electron-main.js,
// package.json "main"). Started by `kiosk start` or as the installed app.
import { app } from 'electron';
import { startHub } from '../hub/start-hub.js';
import { bootShell } from './boot-shell.js';

// Installed: [exe, ...args]. From the launcher (or `electron script`): [exe, script, ...args].
const argv = process.argv.slice(app.isPackaged ? 1 : 2);

void bootShell({ startHub, argv, stdout: process.stdout });
