// Test helper: `kiosk start` as a real child process (the built dist/main/kiosk.js,
// built by the vitest global setup), with its output collected line by line.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

export interface KioskProcess {
  child: ChildProcessWithoutNullStreams;
  stdout: string[];
  stderr: string[];
  /** Resolves with the first line (of stdout or stderr) that matches. */
  waitForLine(pattern: RegExp, stream?: 'stdout' | 'stderr', timeoutMs?: number): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startKiosk(args: string[], env: NodeJS.ProcessEnv): KioskProcess {
  const child = spawn(process.execPath, [path.join(REPO, 'dist/main/kiosk.js'), 'start', ...args], { cwd: REPO, env });
  const lines = { stdout: [] as string[], stderr: [] as string[] };
  const waiters: { pattern: RegExp; stream: 'stdout' | 'stderr'; resolve: (line: string) => void }[] = [];
  for (const stream of ['stdout', 'stderr'] as const) {
    createInterface({ input: child[stream] }).on('line', (line) => {
      lines[stream].push(line);
      for (const w of [...waiters]) {
        if (w.stream === stream && w.pattern.test(line)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(line);
        }
      }
    });
  }
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    ...lines,
    exited,
    waitForLine(pattern, stream = 'stdout', timeoutMs = 60_000) {
      const seen = lines[stream].find((l) => pattern.test(l));
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no ${stream} line matching ${pattern} in ${timeoutMs} ms; stdout: ${lines.stdout.join(' | ')}; stderr: ${lines.stderr.join(' | ')}`)),
          timeoutMs,
        );
        waiters.push({ pattern, stream, resolve: (line) => (clearTimeout(timer), resolve(line)) });
        void exited.then(() => setTimeout(() => reject(new Error(`kiosk exited before a ${stream} line matching ${pattern}; stdout: ${lines.stdout.join(' | ')}; stderr: ${lines.stderr.join(' | ')}`)), 50));
      });
    },
  };
}

/** The environment without a screen: no X11, no Wayland. */
export function headlessEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  return env;
}

export const URL_IN_LINE = /(http:\/\/\S+)$/;
