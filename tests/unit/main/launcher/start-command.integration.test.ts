// `kiosk start` as a real child process against the real hub: the line it
// prints, the page behind the URL, and an orderly stop on SIGTERM.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO, URL_IN_LINE, headlessEnv, startKiosk, type KioskProcess } from './kiosk-process.js';

let running: KioskProcess | null = null;
let stateDir = '';

afterEach(() => {
  if (running && running.child.exitCode === null && running.child.signalCode === null) running.child.kill('SIGKILL');
  running = null;
  if (stateDir) rmSync(stateDir, { recursive: true, force: true });
});

function start(args: string[], env = headlessEnv()): KioskProcess {
  stateDir = mkdtempSync(path.join(tmpdir(), 'kiosk-start-'));
  running = startKiosk([...args, '--port', '0', '--state-dir', stateDir], env);
  return running;
}

describe('kiosk start (real process, real hub)', () => {
  it('--shell url prints one line with the display URL, which serves the display page; SIGTERM stops it cleanly', async () => {
    const kiosk = start(['--shell', 'url']);
    const line = await kiosk.waitForLine(URL_IN_LINE);
    expect(line).toMatch(/^Open the display in a browser: http:\/\/127\.0\.0\.1:\d+\/display\//);
    const url = URL_IN_LINE.exec(line)?.[1] ?? '';
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    expect(await response.text()).toMatch(/<script[^>]+src=/);
    expect(kiosk.stdout).toEqual([line]);

    kiosk.child.kill('SIGTERM');
    expect(await kiosk.exited).toEqual({ code: 0, signal: null });
    await expect(fetch(url)).rejects.toThrow(); // the hub's port is closed
  });

  it('without a display, says so in one line and prints the URL', async () => {
    const kiosk = start([]);
    const line = await kiosk.waitForLine(URL_IN_LINE);
    expect(line).toMatch(/^No display to open a window on \(DISPLAY and WAYLAND_DISPLAY are unset\); open the display in a browser: http:\/\//);
    kiosk.child.kill('SIGINT');
    expect(await kiosk.exited).toEqual({ code: 0, signal: null });
  });

  it('--shell electron where no Electron binary exists: one line, exit code 1, no hub left behind', async () => {
    // Point Electron at an empty folder so the test means the same on a machine
    // that has the binary downloaded (this one cannot download it).
    const emptyDist = mkdtempSync(path.join(tmpdir(), 'no-electron-'));
    try {
      const kiosk = start(['--shell', 'electron'], { ...headlessEnv(), ELECTRON_OVERRIDE_DIST_PATH: emptyDist });
      expect(await kiosk.exited).toEqual({ code: 1, signal: null });
      expect(kiosk.stderr).toHaveLength(1);
      expect(kiosk.stderr[0]).toMatch(/^kiosk: error: Electron is not available \(binary not downloaded: .*no-electron-.* is missing\)$/);
      expect(kiosk.stdout).toEqual([]);
    } finally {
      rmSync(emptyDist, { recursive: true, force: true });
    }
  });

  it('a bad flag is one usage line and exit code 2', async () => {
    const kiosk = start(['--shell', 'firefox']);
    expect(await kiosk.exited).toEqual({ code: 2, signal: null });
    expect(kiosk.stderr).toEqual(['kiosk: start: --shell must be one of electron, chromium, url, got "firefox"']);
  });

  it('a model that cannot load stops the start with one line', async () => {
    const kiosk = start(['--shell', 'url', '--model', path.join(REPO, 'package.json')]);
    expect((await kiosk.exited).code).not.toBe(0);
    const last = kiosk.stderr.at(-1) ?? '';
    expect(last).toMatch(/^kiosk: .*package\.json/);
    expect(kiosk.stdout).toEqual([]);
  });
});
