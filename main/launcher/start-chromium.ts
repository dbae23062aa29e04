// The Chromium path: the system browser in kiosk mode on the hub's display
// URL, with a fresh profile under the state folder and its chatter in a log
// file there instead of the terminal.
import { mkdirSync, openSync, closeSync, rmSync } from 'node:fs';
import path from 'node:path';
import { chromiumKioskArgs, splitExtraArgs } from './chromium-args.js';
import { spawnManaged, type ManagedChild } from './managed-child.js';

/** Extra Chromium flags, space-separated (e.g. --remote-debugging-port=9222 to inspect the page). */
export const CHROMIUM_ARGS_ENV = 'KIOSK_CHROMIUM_ARGS';

export interface ChromiumRun {
  child: ManagedChild;
  profileDir: string;
  logFile: string;
  /** Stops the browser (if still running) and removes the throwaway profile. */
  stop(): Promise<void>;
}

export function startChromium(
  executable: string,
  url: string,
  stateDir: string,
  runningAsRoot: boolean,
  screen?: { width: number; height: number },
): ChromiumRun {
  const profileDir = path.join(stateDir, 'chromium-profile');
  const logFile = path.join(stateDir, 'chromium.log');
  rmSync(profileDir, { recursive: true, force: true });
  mkdirSync(profileDir, { recursive: true });
  const log = openSync(logFile, 'w');
  const args = chromiumKioskArgs({
    url,
    profileDir,
    platform: process.platform,
    runningAsRoot,
    screen,
    extra: splitExtraArgs(process.env[CHROMIUM_ARGS_ENV]),
  });
  let child: ManagedChild;
  try {
    child = spawnManaged(executable, args, { stdio: ['ignore', log, log] });
  } finally {
    closeSync(log); // the child has its own copy of the descriptor
  }
  return {
    child,
    profileDir,
    logFile,
    async stop() {
      await child.stop();
      rmSync(profileDir, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}
