// Real processes: a stand-in "browser" (a Node script) that starts a helper
// process, as Chromium starts its renderer and GPU processes.
import { describe, expect, it } from 'vitest';
import { spawnManaged } from '../../../../main/launcher/managed-child.js';

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const waitUntil = async (check: () => boolean, ms = 5000): Promise<void> => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

// Prints its helper's pid, then idles; SIGTERM is ignored when asked to, like a hung browser.
const browserLike = (ignoreTerm: boolean): string[] => [
  '-e',
  `const { spawn } = require('node:child_process');
   ${ignoreTerm ? "process.on('SIGTERM', () => {});" : ''}
   const helper = spawn(process.execPath, ['-e', "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000)"], { stdio: 'ignore' });
   console.log(helper.pid);
   setInterval(() => {}, 1000);`,
];

async function firstLine(child: ReturnType<typeof spawnManaged>): Promise<string> {
  return new Promise((resolve) => child.stdout?.once('data', (d: Buffer) => resolve(d.toString().trim())));
}

describe('spawnManaged', () => {
  it('stop() ends the process and its helpers', async () => {
    const child = spawnManaged(process.execPath, browserLike(false), { stdio: ['ignore', 'pipe', 'inherit'] });
    const helper = Number(await firstLine(child));
    expect(alive(helper)).toBe(true);
    const exit = await child.stop();
    expect(exit.signal).toBe('SIGTERM');
    await waitUntil(() => !alive(helper));
  });

  it('escalates to SIGKILL when the process ignores SIGTERM', async () => {
    const child = spawnManaged(process.execPath, browserLike(true), { stdio: ['ignore', 'pipe', 'inherit'] });
    await firstLine(child);
    const exit = await child.stop(300);
    expect(exit.signal).toBe('SIGKILL');
  });

  it('reports an exit on its own, with its code, and takes the helpers with it', async () => {
    const child = spawnManaged(
      process.execPath,
      ['-e', "const h = require('node:child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' }); console.log(h.pid); setTimeout(() => process.exit(3), 200)"],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const helper = Number(await firstLine(child));
    expect(await child.exited).toEqual({ code: 3, signal: null });
    await waitUntil(() => !alive(helper));
  });

  it('reports a missing executable instead of throwing', async () => {
    const child = spawnManaged('/nonexistent/browser', [], { stdio: 'ignore' });
    const exit = await child.exited;
    expect(exit.error?.message).toMatch(/ENOENT/);
    expect(await child.stop()).toBe(exit);
  });
});
