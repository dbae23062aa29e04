// The Electron main process, start to finish: a short list of setup steps,
// each returning its disposer (quit-policy runs them in reverse on the way
// out). The hub runs here, in the main process, in the installed app and
// under `npm start` alike.
import { app } from 'electron';
import { createCrashPolicy } from '../../app/kiosk/crash-policy.js';
import { createGpuCrashPolicy } from '../../app/kiosk/gpu-crash-policy.js';
import { exhibitHubOptionsOf, parseShellHubFlags } from '../cli/hub-flags.js';
import { stderrLog, type HubLog } from '../hub/hub-log.js';
import type { HubHandle, StartHub } from '../launcher/hub-starter.js';
import type { UpdateService } from '../update/create-update-service.js';
import { createMemorySettingsStore, type SettingsStore } from '../settings/settings-store.js';
import { setupCrashRecovery, type CrashRecovery } from './crash-recovery.js';
import { setupDevtoolsGuard } from './devtools-guard.js';
import { setupDisplayWatchdog } from './display-watchdog.js';
import type { Disposer } from './disposer.js';
import { createElectronShellControl } from './electron-shell-control.js';
import { NO_GPU_FLAG, setupGpuFallback } from './gpu-fallback.js';
import { setupGpuCrashHandling } from './gpu-crash-handling.js';
import { setupKioskWindow, type KioskWindow } from './kiosk-window.js';
import { setupLoginItem } from './login-item.js';
import { NIGHTLY_CAUSE, setupNightlyRestart } from './nightly-restart-timer.js';
import { setupPermissionPolicy } from './permission-policy.js';
import { setupPowerSaveBlocker } from './power-save.js';
import { setupQuitPolicy } from './quit-policy.js';
import { recoveryPageUrl } from './recovery-page.js';
import { openRestartHistory } from './restart-history.js';
import { setupSessionPolicy } from './session-policy.js';
import { formatShellEvent } from './shell-event.js';
import { setupSingleInstance } from './single-instance.js';
import { setupWebContentsPolicy } from './web-contents-policy.js';

export interface ShellDeps {
  startHub: StartHub;
  /** Our arguments only (hub flags), after the executable and script. */
  argv: string[];
  stdout: { write(text: string): unknown };
  /** The operator's settings kept in the state folder; default: in memory (defaults). */
  openSettings?: (stateDir: string) => SettingsStore | Promise<SettingsStore>;
  /** The updater (installed app only: electron-updater does not update an unpackaged app); none: the operator menu says so. */
  createUpdates?: (deps: { settings: SettingsStore; stateDir: string; isDrawing: () => boolean; log: HubLog }) => UpdateService;
  log?: HubLog;
}

export async function bootShell({ startHub, argv, stdout, openSettings, createUpdates, log = stderrLog }: ShellDeps): Promise<void> {
  const disposers: Disposer[] = [];
  const quit = setupQuitPolicy(disposers);
  try {
    const flags = parseShellHubFlags(argv);
    // The window comes later; a second launch before then has nothing to focus.
    const late: { kiosk?: KioskWindow; recovery?: CrashRecovery; hub?: HubHandle } = {};
    const instance = setupSingleInstance(() => late.kiosk?.window);
    if (!instance.primary) {
      // Not a failure of this machine: the launcher must not fall back to Chromium for it.
      stdout.write(formatShellEvent({ event: 'kiosk-shell-fatal', message: 'the kiosk is already running; its window was brought to the front' }));
      quit(0);
      return;
    }
    disposers.push(instance.dispose);
    setupGpuFallback(argv);
    await app.whenReady();
    const startedAt = Date.now();
    const stateDir = flags.stateDir ?? app.getPath('userData');
    const settings = await (openSettings ?? (() => createMemorySettingsStore()))(stateDir);
    const history = await openRestartHistory(stateDir, log);
    disposers.push(() => history.flush());
    const shell = createElectronShellControl({ recovery: () => late.recovery, history, quit, argv: process.argv.slice(1) });

    // The updater asks the hub whether a visitor draws; the hub starts after it.
    const updates = createUpdates?.({ settings, stateDir, isDrawing: () => late.hub?.isDrawing?.() ?? false, log });
    if (updates) disposers.push(updates.start());
    const hub = await startHub(exhibitHubOptionsOf({ ...flags, stateDir }), { shell, settings, updates });
    late.hub = hub;
    disposers.push(() => hub.close());
    const hubOrigin = new URL(hub.displayUrl).origin;
    disposers.push(setupPermissionPolicy());
    disposers.push(setupSessionPolicy(hubOrigin));
    disposers.push(setupWebContentsPolicy(hubOrigin));
    if (app.isPackaged) disposers.push(setupDevtoolsGuard());
    disposers.push(setupPowerSaveBlocker());
    disposers.push(setupLoginItem({ settings, packaged: app.isPackaged, log }));
    disposers.push(setupGpuCrashHandling({ policy: createGpuCrashPolicy(), log, gpuOff: argv.includes(NO_GPU_FLAG), relaunchWithoutGpu: (cause) => shell.restartWith(cause, [NO_GPU_FLAG]) }));
    const kiosk = await setupKioskWindow(hub.displayUrl, !app.isPackaged, (window) => {
      // A crash also restarts the updater's "this version runs well" clock.
      const record = (cause: string): void => {
        history.record(cause);
        updates?.noteCrash();
      };
      late.recovery = setupCrashRecovery({ window, displayUrl: hub.displayUrl, recoveryUrl: () => recoveryPageUrl(settings.get().language), policy: createCrashPolicy(), record, log });
    });
    late.kiosk = kiosk;
    disposers.push(kiosk.dispose);
    if (late.recovery) {
      // Undone before the window goes: its renderer ending on the way out is no crash to recover from.
      disposers.push(late.recovery.dispose);
      disposers.push(setupDisplayWatchdog({ health: () => hub.displayHealth(), recovery: late.recovery }));
    }
    disposers.push(setupNightlyRestart({ settings, isDrawing: () => hub.isDrawing?.() ?? false, startedAt, lastRestartAt: () => history.last(NIGHTLY_CAUSE)?.at ?? null, restart: (cause) => shell.restart(cause) }));
    stdout.write(formatShellEvent({ event: 'kiosk-shell-ready', displayUrl: hub.displayUrl, backend: hub.backendName }));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    stdout.write(formatShellEvent({ event: 'kiosk-shell-fatal', message }));
    console.error(`shell: cannot start: ${message}`);
    // Closes whatever did start; exit code 1 tells a launcher or service manager.
    quit(1);
  }
}
