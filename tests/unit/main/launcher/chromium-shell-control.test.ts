// The operator's reload / restart / exit when the display runs in Chromium:
// the launcher's real flow with a real hub on 127.0.0.1 and a real display
// WebSocket client; only the browser process is a fake child (the real one is
// exercised in start-chromium.integration.test.ts).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HubLog } from '../../../../main/hub/hub-log.js';
import { startHub } from '../../../../main/hub/start-hub.js';
import type { ShellControl } from '../../../../main/hub/kiosk-services.js';
import type { HubStartOptions, ShellServices } from '../../../../main/launcher/hub-starter.js';
import { launch } from '../../../../main/launcher/launch.js';
import type { ChildExit, ManagedChild } from '../../../../main/launcher/managed-child.js';
import { openRestartHistory } from '../../../../main/shell/restart-history.js';
import { connectClient, socketOf } from '../hub/hub-test-client.js';

const quiet: HubLog = { info: () => {}, warn: () => {}, error: () => {} };
let stateDir: string;

beforeEach(async () => {
  stateDir = await mkdtemp(path.join(tmpdir(), 'chromium-control-'));
});
afterEach(() => rm(stateDir, { recursive: true, force: true }));

function fakeBrowser() {
  let exit: (e: ChildExit) => void = () => {};
  const exited = new Promise<ChildExit>((r) => (exit = r));
  const child: ManagedChild = {
    pid: 1,
    stdout: null,
    exited,
    stop: vi.fn(async () => {
      exit({ code: null, signal: 'SIGTERM' });
      return exited;
    }),
  };
  return { child, profileDir: '/p', logFile: '/l', stop: async () => void (await child.stop()), exit };
}

function start() {
  const browsers: ReturnType<typeof fakeBrowser>[] = [];
  const lines: string[] = [];
  let services: ShellServices | undefined;
  let signal: (s: NodeJS.Signals) => void = () => {};
  const urls: string[] = [];
  const done = launch(
    { shell: 'chromium', host: '127.0.0.1', port: 0, stateDir },
    {
      probe: () => ({ electron: { ok: false, reason: 'not here' }, chromium: { ok: true, found: '/usr/bin/chromium' }, display: { ok: true, found: 'X11 :0' } }),
      startHub: async (options: HubStartOptions, given?: ShellServices) => {
        services = given;
        return startHub({ ...options, log: quiet, mdns: false });
      },
      startElectron: () => {
        throw new Error('not used');
      },
      startChromium: (_executable, url) => {
        urls.push(url);
        const browser = fakeBrowser();
        browsers.push(browser);
        return browser;
      },
      defaultStateDir: stateDir,
      stop: { received: new Promise<NodeJS.Signals>((r) => (signal = r)), dispose: () => {} },
      print: (line) => lines.push(line),
      openHistory: (dir) => openRestartHistory(dir, quiet),
    },
  );
  const control = async (): Promise<ShellControl> => {
    await vi.waitFor(() => expect(browsers.length).toBeGreaterThan(0));
    if (!services) throw new Error('the hub got no shell control');
    return services.shell;
  };
  return { done, browsers, lines, urls, control, signal: (s: NodeJS.Signals) => signal(s) };
}

async function displayClient(displayUrl: string) {
  const { wsUrl, secret } = socketOf(displayUrl);
  const client = await connectClient(wsUrl);
  client.send({ type: 'hello', role: 'display', protocol: 1, secret });
  await client.next('welcome');
  return client;
}

describe('Chromium ShellControl', () => {
  it('reloads the display page through the hub, recording why', async () => {
    const t = start();
    const control = await t.control();
    expect(control.kind).toBe('chromium');
    const client = await displayClient(t.urls[0] ?? '');
    control.reloadDisplay('operator');
    expect(await client.next('reload')).toEqual({ type: 'reload', cause: 'operator' });
    expect(control.restarts().map((r) => r.cause)).toEqual(['operator']);
    client.close();
    t.signal('SIGINT');
    expect(await t.done).toBe(0);
  });

  it('restarts the browser on the same hub, and exits cleanly on the operator word', async () => {
    const t = start();
    const control = await t.control();
    control.restart('operator: restart');
    await vi.waitFor(() => expect(t.browsers).toHaveLength(2));
    expect(t.browsers[0]?.child.stop).toHaveBeenCalled();
    expect(t.urls[1]).toBe(t.urls[0]);
    expect(t.lines.at(-1)).toBe('Restarting Chromium (operator: restart)');
    // The hub stayed up across the browser restart.
    const client = await displayClient(t.urls[1] ?? '');
    client.close();
    control.exit();
    expect(await t.done).toBe(0);
    expect(t.browsers[1]?.child.stop).toHaveBeenCalled();
    expect(t.lines.at(-1)).toBe('The operator ended the kiosk; stopping');
    // The hub is closed: nothing answers at its address any more.
    await expect(fetch(new URL('/', t.urls[0]))).rejects.toThrow();
    const saved = JSON.parse(await readFile(path.join(stateDir, 'shell-restarts.json'), 'utf8')) as { restarts: { cause: string }[] };
    expect(saved.restarts.map((r) => r.cause)).toEqual(['operator: restart']);
    expect((await openRestartHistory(stateDir, quiet)).list().map((r) => r.cause)).toEqual(['operator: restart']);
  });

  it('a browser that dies by itself still ends the launcher (no restart loop)', async () => {
    const t = start();
    await t.control();
    t.browsers[0]?.exit({ code: 1, signal: null });
    expect(await t.done).toBe(1);
    expect(t.lines.at(-1)).toBe('Chromium exited (code 1); stopping');
  });
});
