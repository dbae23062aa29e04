// A browser process the launcher owns: started in its own process group (on
// POSIX) so that stopping it reaches its helper processes and any wrapper
// script, and so that Ctrl+C in the terminal reaches only the launcher, which
// then shuts things down in order (browser first, then the hub).
import { spawn, type StdioOptions } from 'node:child_process';
import type { Readable } from 'node:stream';

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the process could not be started at all (ENOENT, EACCES, ...). */
  error?: Error;
}

export interface ManagedChild {
  readonly pid: number | undefined;
  readonly stdout: Readable | null;
  /** Resolves once the process is gone; never rejects. */
  readonly exited: Promise<ChildExit>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
  stop(graceMs?: number): Promise<ChildExit>;
}

export interface SpawnOptions {
  stdio: StdioOptions;
  env?: NodeJS.ProcessEnv;
}

export function spawnManaged(executable: string, args: string[], options: SpawnOptions): ManagedChild {
  const ownGroup = process.platform !== 'win32';
  const child = spawn(executable, args, { stdio: options.stdio, env: options.env ?? process.env, detached: ownGroup });
  let running = true;
  const signal = (sig: NodeJS.Signals): void => {
    if (!running || child.pid === undefined) return;
    try {
      if (ownGroup) process.kill(-child.pid, sig);
      else child.kill(sig);
    } catch {
      // Already gone.
    }
  };
  // Last resort if the launcher dies without stopping the browser.
  const onExit = (): void => signal('SIGKILL');
  process.on('exit', onExit);
  const exited = new Promise<ChildExit>((resolve) => {
    child.once('error', (error) => {
      if (child.pid !== undefined) return; // a runtime error; 'exit' follows
      running = false;
      resolve({ code: null, signal: null, error });
    });
    child.once('exit', (code, sig) => {
      // The browser's main process is gone; its helpers in the group follow it,
      // but make sure none outlives it.
      signal('SIGKILL');
      running = false;
      resolve({ code, signal: sig });
    });
  }).finally(() => process.off('exit', onExit));

  return {
    pid: child.pid,
    stdout: child.stdout,
    exited,
    async stop(graceMs = 5000) {
      signal('SIGTERM');
      const timer = setTimeout(() => signal('SIGKILL'), graceMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
