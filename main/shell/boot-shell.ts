// The Electron main process, start to finish: a short list of setup steps,
// each returning its disposer (quit-policy runs them in reverse on the way
// out). The hub runs here, in the main process, in the installed app and
// under `npm start` alike.
import { app } from 'electron';
import { exhibitHubOptionsOf, parseShellHubFlags } from '../cli/hub-flags.js';
import type { StartHub } from '../launcher/hub-starter.js';
import type { Disposer } from './disposer.js';
import { setupGpuFallback } from './gpu-fallback.js';
import { setupKioskWindow } from './kiosk-window.js';
import { setupPermissionPolicy } from './permission-policy.js';
import { setupPowerSaveBlocker } from './power-save.js';
import { setupQuitPolicy } from './quit-policy.js';
import { formatShellEvent } from './shell-event.js';
import { setupWebContentsPolicy } from './web-contents-policy.js';

export interface ShellDeps {
  startHub: StartHub;
  /** Our arguments only (hub flags), after the executable and script. */
  argv: string[];
  stdout: { write(text: string): unknown };
}

export async function bootShell({ startHub, argv, stdout }: ShellDeps): Promise<void> {
  const disposers: Disposer[] = [];
  const quit = setupQuitPolicy(disposers);
  try {
    const flags = parseShellHubFlags(argv);
    setupGpuFallback();
    await app.whenReady();
    const hub = await startHub(exhibitHubOptionsOf({ ...flags, stateDir: flags.stateDir ?? app.getPath('userData') }));
    disposers.push(() => hub.close());
    disposers.push(setupPermissionPolicy());
    disposers.push(setupWebContentsPolicy(new URL(hub.displayUrl).origin));
    disposers.push(setupPowerSaveBlocker());
    const kiosk = await setupKioskWindow(hub.displayUrl, !app.isPackaged);
    disposers.push(kiosk.dispose);
    stdout.write(formatShellEvent({ event: 'kiosk-shell-ready', displayUrl: hub.displayUrl, backend: hub.backendName }));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    stdout.write(formatShellEvent({ event: 'kiosk-shell-fatal', message }));
    console.error(`shell: cannot start: ${message}`);
    // Closes whatever did start; exit code 1 tells a launcher or service manager.
    quit(1);
  }
}
