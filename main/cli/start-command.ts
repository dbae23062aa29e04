// `kiosk start` (what `npm start` runs): the exhibit in an Electron kiosk
// window, else in Chromium's kiosk mode, else the URL to open. See
// main/launcher/launch.ts for the flow and choose-shell.ts for the choice.
import path from 'node:path';
import { findPackageRoot } from '../hub/package-root.js';
import { startHub } from '../hub/start-hub.js';
import { launch } from '../launcher/launch.js';
import { electronMainScript, probeShells } from '../launcher/probe-shells.js';
import { startChromium } from '../launcher/start-chromium.js';
import { startElectron } from '../launcher/start-electron.js';
import { parseStartArgs } from '../launcher/start-options.js';
import { START_HELP, wantsHelp } from '../launcher/start-help.js';
import { stderrLog } from '../hub/hub-log.js';
import { openRestartHistory } from '../shell/restart-history.js';
import { waitForStop } from '../launcher/wait-for-stop.js';
import { x11ScreenSize } from '../launcher/x11-screen-size.js';

export async function runStartCommand(args: string[]): Promise<number> {
  if (wantsHelp(args)) {
    process.stdout.write(`${START_HELP}\n`);
    return 0;
  }
  const options = parseStartArgs(args);
  const root = findPackageRoot();
  const runningAsRoot = process.getuid?.() === 0;
  const code = await launch(options, {
    probe: () => probeShells(root),
    // Chromium mode: the launcher's shell control reaches the hub's operator routes (no updater outside the installed app).
    startHub: (hubOptions, services) => startHub({ ...hubOptions, services }),
    startElectron: (executable, flags) => startElectron(executable, electronMainScript(root), flags, runningAsRoot),
    startChromium: async (executable, url, stateDir) => {
      const display = process.env.DISPLAY;
      const screen = process.platform === 'linux' && display ? await x11ScreenSize(display) : undefined;
      return startChromium(executable, url, stateDir, runningAsRoot, screen);
    },
    defaultStateDir: path.join(root, '.state'),
    stop: waitForStop(),
    print: (line) => process.stdout.write(`${line}\n`),
    openHistory: (stateDir) => openRestartHistory(stateDir, stderrLog),
  });
  // Everything we started is stopped by now; should a stray handle keep the
  // event loop alive, do not hang the terminal (or a service manager) on it.
  setTimeout(() => process.exit(code), 3000).unref();
  return code;
}
