import { spawn } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './fixtures.js';

export interface KioskRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built `kiosk` command (dist/main/kiosk.js, built by the global setup) as a real child process. */
export function runKiosk(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<KioskRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'dist/main/kiosk.js'), ...args], {
      cwd: options.cwd ?? REPO_ROOT,
      env: { ...process.env, KIOSK_DEBUG: '', ...options.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
