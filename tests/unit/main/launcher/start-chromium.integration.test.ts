// `kiosk start --shell chromium` for real: Xvfb provides a screen, Debian's
// Chromium opens the hub's display page in kiosk mode, and we look at it
// through the DevTools protocol (enabled with KIOSK_CHROMIUM_ARGS). Where
// Chromium or Xvfb is missing the test fails and says how to install them
// (.ci/run installs both).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from '../../../../main/launcher/find-chromium.js';
import { CdpClient } from './cdp-client.js';
import { URL_IN_LINE, startKiosk, type KioskProcess } from './kiosk-process.js';

const onPath = (name: string): boolean => (process.env.PATH ?? '').split(':').some((dir) => existsSync(path.join(dir, name)));
const haveChromium = findChromium(process.platform, process.env, existsSync).ok;
const haveXvfb = process.platform === 'linux' && onPath('Xvfb');

let xvfb: ChildProcess | null = null;
let kiosk: KioskProcess | null = null;
let stateDir = '';

afterEach(async () => {
  // After a failure: stop the launcher the normal way, then make sure no
  // browser outlives the test (it runs in its own process group).
  if (kiosk && kiosk.child.exitCode === null && kiosk.child.signalCode === null) {
    kiosk.child.kill('SIGTERM');
    await Promise.race([kiosk.exited, new Promise((r) => setTimeout(r, 10_000))]);
  }
  if (stateDir) {
    for (const pid of processesMentioning(stateDir)) process.kill(pid, 'SIGKILL');
    rmSync(stateDir, { recursive: true, force: true, maxRetries: 10 });
  }
  xvfb?.kill('SIGTERM');
  kiosk = null;
  xvfb = null;
  stateDir = '';
});

/** A virtual X screen; Xvfb picks a free display number and tells us (-displayfd). */
async function startXvfb(): Promise<string> {
  const child = spawn('Xvfb', ['-displayfd', '1', '-screen', '0', '1280x720x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'pipe', 'ignore'] });
  xvfb = child;
  const number = await new Promise<string>((resolve, reject) => {
    child.stdout?.once('data', (d: Buffer) => resolve(d.toString().trim()));
    child.once('exit', (code) => reject(new Error(`Xvfb exited with ${code}`)));
  });
  return `:${number}`;
}

async function poll<T>(what: string, read: () => T | null | Promise<T | null>, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== null) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Processes whose command line mentions `text` (Linux /proc). */
function processesMentioning(text: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(text)) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

describe('kiosk start --shell chromium (real Chromium on an Xvfb screen)', () => {
  beforeAll(() => {
    if (!haveChromium || !haveXvfb) {
      throw new Error(`this test needs ${[!haveChromium && 'Chromium', !haveXvfb && 'Xvfb'].filter(Boolean).join(' and ')}: apt-get install -y chromium xvfb (or run .ci/run)`);
    }
  });

  it('shows the display page full screen, the page connects to the hub, and SIGTERM closes browser and hub', async () => {
    const display = await startXvfb();
    stateDir = mkdtempSync(path.join(tmpdir(), 'kiosk-chromium-'));
    const profileDir = path.join(stateDir, 'chromium-profile');
    kiosk = startKiosk(['--shell', 'chromium', '--port', '0', '--state-dir', stateDir], {
      ...process.env,
      DISPLAY: display,
      KIOSK_CHROMIUM_ARGS: '--remote-debugging-port=0',
    });

    const line = await kiosk.waitForLine(URL_IN_LINE);
    expect(line).toMatch(/^Opening the display in Chromium kiosk mode: http:\/\/127\.0\.0\.1:\d+\/display\//);
    const displayUrl = URL_IN_LINE.exec(line)?.[1] ?? '';

    // The hub sees the page's websocket: the page really loaded and ran.
    await kiosk.waitForLine(/display connected/, 'stderr');

    // Chromium writes the DevTools port it picked into the profile folder.
    const devtoolsPort = await poll('DevToolsActivePort', () => {
      const file = path.join(profileDir, 'DevToolsActivePort');
      return existsSync(file) ? readFileSync(file, 'utf8').split('\n')[0] || null : null;
    });
    const version = (await (await fetch(`http://127.0.0.1:${devtoolsPort}/json/version`)).json()) as { webSocketDebuggerUrl: string };
    const cdp = await CdpClient.connect(version.webSocketDebuggerUrl);
    try {
      const { targetInfos } = await cdp.send<{ targetInfos: { targetId: string; type: string; url: string }[] }>('Target.getTargets');
      const pages = targetInfos.filter((t) => t.type === 'page');
      expect(pages.map((p) => p.url)).toEqual([displayUrl]);
      const page = pages[0];
      if (!page) throw new Error('no page');
      const { bounds } = await cdp.send<{ bounds: { width: number; height: number; windowState: string } }>('Browser.getWindowForTarget', {
        targetId: page.targetId,
      });
      expect(bounds.windowState).toBe('fullscreen');
      const { sessionId } = await cdp.send<{ sessionId: string }>('Target.attachToTarget', { targetId: page.targetId, flatten: true });
      const viewport = async (): Promise<unknown> => {
        const { result } = await cdp.send<{ result: { value: string } }>(
          'Runtime.evaluate',
          { expression: 'JSON.stringify([innerWidth, innerHeight, document.readyState])', returnByValue: true },
          sessionId,
        );
        return JSON.parse(result.value);
      };
      // Kiosk mode: no tabs, address bar or frame, and the window covers the
      // whole 1280x720 screen even though bare Xvfb has no window manager to
      // grow it (the launcher passes the screen's size, read with xdpyinfo).
      // Chromium's full-screen window on bare X comes out one pixel short.
      await poll('the page to cover the screen', async () => {
        const [width, height, state] = (await viewport()) as [number, number, string];
        return width >= 1279 && height >= 719 && state === 'complete' ? true : null;
      }, 10_000).catch(async () => expect(await viewport()).toEqual([1280, 720, 'complete']));
    } finally {
      cdp.close();
    }

    expect(processesMentioning(profileDir).length).toBeGreaterThan(0);
    kiosk.child.kill('SIGTERM');
    expect(await kiosk.exited).toEqual({ code: 0, signal: null });
    await expect(fetch(displayUrl)).rejects.toThrow(); // hub closed
    expect(processesMentioning(profileDir)).toEqual([]); // no browser process left
    expect(existsSync(profileDir)).toBe(false); // the throwaway profile is gone
  });
});
