// The launcher's flow with every outside effect replaced by a fake (hub,
// browser processes, signals); the real ones are exercised in
// start-command.integration.test.ts and managed-child.test.ts.
import { describe, expect, it, vi } from 'vitest';
import type { Probe, ShellProbes } from '../../../../main/launcher/choose-shell.js';
import type { HubStartOptions, ShellServices } from '../../../../main/launcher/hub-starter.js';
import { launch, type LaunchDeps } from '../../../../main/launcher/launch.js';
import type { ChildExit, ManagedChild } from '../../../../main/launcher/managed-child.js';
import type { ElectronReady } from '../../../../main/launcher/start-electron.js';
import type { StartOptions } from '../../../../main/launcher/start-options.js';

const URL = 'http://127.0.0.1:5555/display/?key=k';

function fakeChild() {
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
  return { child, exit };
}

function setup(probes: Partial<ShellProbes> = {}) {
  const yes = (found: string): Probe => ({ ok: true, found });
  let signal: (s: NodeJS.Signals) => void = () => {};
  const received = new Promise<NodeJS.Signals>((r) => (signal = r));
  const hub = { displayUrl: URL, backendName: 'js', displayHealth: () => ({ displays: 0, lastHeartbeatAt: null, fps: null }), reloadDisplays: vi.fn(), close: vi.fn(async () => {}) };
  const browser = fakeChild();
  const electron = fakeChild();
  let electronReady: (r: ElectronReady) => void = () => {};
  const lines: string[] = [];
  const deps = {
    probe: () => ({ electron: yes('/e'), chromium: yes('/usr/bin/chromium'), display: yes('X11 :0'), ...probes }),
    startHub: vi.fn(async (_options: HubStartOptions, _services?: ShellServices) => hub),
    startElectron: vi.fn(() => ({ child: electron.child, ready: new Promise<ElectronReady>((r) => (electronReady = r)) })),
    startChromium: vi.fn(() => ({ child: browser.child, profileDir: '/p', logFile: '/l', stop: async () => void (await browser.child.stop()) })),
    defaultStateDir: '/default-state',
    stop: { received, dispose: vi.fn() },
    print: (line: string) => lines.push(line),
  } satisfies LaunchDeps;
  const tick = () => new Promise((r) => setTimeout(r, 10));
  return { deps, hub, browser, electron, lines, tick, signal: (s: NodeJS.Signals) => signal(s), electronReady: (r: ElectronReady) => electronReady(r) };
}

const start = (options: StartOptions, deps: LaunchDeps) => launch(options, deps);

describe('launch: Chromium', () => {
  it('starts the hub, opens Chromium on its display URL, and on a signal stops the browser, then the hub', async () => {
    const t = setup({ electron: { ok: false, reason: 'binary not downloaded' } });
    const done = start({ port: 0, model: '/m.json' }, t.deps);
    await t.tick();
    // kiosk start serves the LAN by default (issue 3: tablets pair over it); an explicit --port gets no fallback.
    expect(t.deps.startHub).toHaveBeenCalledWith(
      { host: '0.0.0.0', port: 0, stateDir: '/default-state', modelPath: '/m.json', backend: undefined, portFallback: false },
      // The operator's reload/restart/exit reach the Chromium window through this control.
      { shell: expect.objectContaining({ kind: 'chromium' }) },
    );
    expect(t.deps.startChromium).toHaveBeenCalledWith('/usr/bin/chromium', URL, '/default-state');
    expect(t.lines).toEqual([`Electron is not available (binary not downloaded); opening the display in Chromium kiosk mode: ${URL}`]);
    expect(t.hub.close).not.toHaveBeenCalled();
    t.signal('SIGINT');
    expect(await done).toBe(0);
    expect(t.browser.child.stop).toHaveBeenCalled();
    expect(t.hub.close).toHaveBeenCalledOnce();
    expect(t.deps.stop.dispose).toHaveBeenCalled();
  });

  it('exits when the browser exits (no restart loop), closing the hub', async () => {
    const t = setup({ electron: { ok: false, reason: 'x' } });
    const done = start({ shell: 'chromium', stateDir: '/s' }, t.deps);
    await t.tick();
    expect(t.deps.startChromium).toHaveBeenCalledWith('/usr/bin/chromium', URL, '/s');
    t.browser.exit({ code: 1, signal: null });
    expect(await done).toBe(1);
    expect(t.lines.at(-1)).toBe('Chromium exited (code 1); stopping');
    expect(t.hub.close).toHaveBeenCalledOnce();
  });

  it('a browser that cannot be started at all is one line and exit code 1', async () => {
    const t = setup({ electron: { ok: false, reason: 'x' } });
    const done = start({}, t.deps);
    await t.tick();
    t.browser.exit({ code: null, signal: null, error: new Error('spawn /usr/bin/chromium EACCES') });
    expect(await done).toBe(1);
    expect(t.lines.at(-1)).toBe('Chromium could not start (spawn /usr/bin/chromium EACCES); stopping');
    expect(t.hub.close).toHaveBeenCalledOnce();
  });
});

describe('launch: URL only', () => {
  it('prints the URL and serves until a signal', async () => {
    const t = setup({ display: { ok: false, reason: 'DISPLAY and WAYLAND_DISPLAY are unset' } });
    const done = start({}, t.deps);
    await t.tick();
    expect(t.lines).toEqual([`No display to open a window on (DISPLAY and WAYLAND_DISPLAY are unset); open the display in a browser: ${URL}`]);
    expect(t.deps.startChromium).not.toHaveBeenCalled();
    t.signal('SIGTERM');
    expect(await done).toBe(0);
    expect(t.hub.close).toHaveBeenCalledOnce();
  });
});

describe('launch: Electron', () => {
  it('leaves the hub to the Electron main process and passes the hub flags on', async () => {
    const t = setup();
    const done = start({ port: 8080, host: '0.0.0.0' }, t.deps);
    expect(t.deps.startElectron).toHaveBeenCalledWith('/e', { port: 8080, host: '0.0.0.0' });
    t.electronReady({ ok: true, displayUrl: URL, backend: 'onnxruntime-node (cpu)' });
    await t.tick();
    expect(t.lines).toEqual([`Showing the display in an Electron kiosk window: ${URL}`]);
    expect(t.deps.startHub).not.toHaveBeenCalled();
    t.signal('SIGINT');
    expect(await done).toBe(0);
    expect(t.electron.child.stop).toHaveBeenCalled();
  });

  it('falls back to Chromium when Electron dies before its window opens, saying why', async () => {
    const t = setup();
    const done = start({}, t.deps);
    t.electronReady({ ok: false, why: 'Electron could not open its window (exited: code 1)', fatal: false });
    await t.tick();
    expect(t.deps.startHub).toHaveBeenCalled();
    expect(t.lines).toEqual([`Electron could not open its window (exited: code 1); opening the display in Chromium kiosk mode: ${URL}`]);
    t.signal('SIGINT');
    expect(await done).toBe(0);
  });

  it('does not fall back when the shell itself gave up (the hub would fail the same way)', async () => {
    const t = setup();
    const done = start({ port: 80 }, t.deps);
    t.electronReady({ ok: false, why: 'listen EACCES: permission denied 0.0.0.0:80', fatal: true });
    await expect(done).rejects.toThrow('listen EACCES');
    expect(t.deps.startHub).not.toHaveBeenCalled();
  });

  it('stops a starting Electron on a signal', async () => {
    const t = setup();
    const done = start({}, t.deps);
    t.signal('SIGINT');
    expect(await done).toBe(0);
    expect(t.electron.child.stop).toHaveBeenCalled();
  });

  it('a forced but unavailable shell is an error before anything starts', async () => {
    const t = setup({ electron: { ok: false, reason: 'binary not downloaded' } });
    await expect(start({ shell: 'electron' }, t.deps)).rejects.toThrow('Electron is not available (binary not downloaded)');
    expect(t.deps.startHub).not.toHaveBeenCalled();
    expect(t.deps.stop.dispose).toHaveBeenCalled();
  });
});
