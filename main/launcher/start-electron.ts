// The Electron path: the Electron main process runs the hub itself, exactly as
// the installed app does, so `npm start` and an installed kiosk share one code
// path. We wait for its "ready" line; if it exits before that, the caller
// falls back to Chromium.
import { createInterface } from 'node:readline';
import { hubFlagsToArgs, type HubFlags } from '../cli/hub-flags.js';
import { parseShellEvent } from '../shell/shell-event.js';
import { spawnManaged, type ManagedChild } from './managed-child.js';

export type ElectronReady =
  | { ok: true; displayUrl: string; backend: string }
  /** fatal: the shell itself gave up (the hub could not start), so Chromium would fail the same way. */
  | { ok: false; why: string; fatal: boolean };

export interface ElectronStart {
  child: ManagedChild;
  ready: Promise<ElectronReady>;
}

export function startElectron(executable: string, mainScript: string, flags: HubFlags, runningAsRoot: boolean): ElectronStart {
  const args = [...(runningAsRoot ? ['--no-sandbox'] : []), mainScript, ...hubFlagsToArgs(flags)];
  const child = spawnManaged(executable, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const ready = new Promise<ElectronReady>((resolve) => {
    let fatal: string | null = null;
    let isReady = false;
    if (child.stdout) {
      createInterface({ input: child.stdout }).on('line', (line) => {
        const event = parseShellEvent(line);
        if (!event) {
          process.stdout.write(`${line}\n`);
        } else if (event.event === 'kiosk-shell-ready' && !isReady) {
          isReady = true;
          resolve({ ok: true, displayUrl: event.displayUrl, backend: event.backend });
        } else if (event.event === 'kiosk-shell-fatal') {
          fatal = event.message;
        }
      });
    }
    void child.exited.then((exit) => {
      if (isReady) return;
      if (fatal !== null) return resolve({ ok: false, why: fatal, fatal: true });
      const how = exit.error ? exit.error.message : exit.signal ? `signal ${exit.signal}` : `code ${exit.code}`;
      resolve({ ok: false, why: `Electron could not open its window (exited: ${how})`, fatal: false });
    });
  });
  return { child, ready };
}
