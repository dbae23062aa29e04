// This machine cannot run Electron: its binary is not downloaded (see the
// README). So this test replaces the `electron` module, here and only here,
// with a small recording fake (fake-electron.ts), and checks the shell's wiring: which window it
// asks for, which policies it installs, what it loads, and that quitting
// disposes everything. It proves the calls we make against electron.d.ts's
// API, not how a real Electron behaves.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

const { fake, electronModule } = await vi.hoisted(async () => {
  const m = await import('./fake-electron.js');
  return { fake: m.createFakeElectron(), electronModule: m.electronModule };
});

vi.mock('electron', () => electronModule(fake));

const { bootShell } = await import('../../../../main/shell/boot-shell.js');
const { createMemorySettingsStore } = await import('../../../../main/settings/settings-store.js');
const { defaultKioskSettings } = await import('../../../../app/contract/kiosk-settings.js');
const { isRecoveryPageUrl } = await import('../../../../main/shell/recovery-page.js');
const { parseShellEvent } = await import('../../../../main/shell/shell-event.js');

const DISPLAY_URL = 'http://127.0.0.1:4321/display/?key=secret';

function stubHub() {
  // A stand-in for main/hub/start-hub.ts: the shell needs its URL, the displays' heartbeats, and close().
  return {
    displayUrl: DISPLAY_URL,
    backendName: 'js',
    health: { displays: 1, lastHeartbeatAt: null as number | null, fps: 60 },
    drawing: false,
    displayHealth() {
      return this.health;
    },
    isDrawing() {
      return this.drawing;
    },
    reloadDisplays: vi.fn(),
    close: vi.fn(async () => {}),
  };
}

const logged: { level: string; message: string }[] = [];
const log = {
  info: (message: string) => void logged.push({ level: 'info', message }),
  warn: (message: string) => void logged.push({ level: 'warn', message }),
  error: (message: string) => void logged.push({ level: 'error', message }),
};

async function boot(argv: string[] = [], settings = createMemorySettingsStore()) {
  const hub = stubHub();
  const startHub = vi.fn(async (_options: unknown, _services?: unknown) => hub);
  const out: string[] = [];
  await bootShell({ startHub, argv, stdout: { write: (t: string) => out.push(t) }, openSettings: () => settings, log });
  const window = fake.BrowserWindow.all.at(-1);
  return { hub, startHub, out, window };
}

const settle = () => new Promise((r) => setTimeout(r, 10));

let signalListeners: Record<'SIGINT' | 'SIGTERM', NodeJS.SignalsListener[]> = { SIGINT: [], SIGTERM: [] };

// Nothing here may register this machine's real login items: XDG autostart goes to a temporary folder.
let configHome: string;
beforeAll(async () => {
  configHome = await mkdtemp(path.join(tmpdir(), 'shell-config-'));
  vi.stubEnv('XDG_CONFIG_HOME', configHome);
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await rm(configHome, { recursive: true, force: true });
});

beforeEach(() => {
  signalListeners = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };
  fake.BrowserWindow.all = [];
  fake.app.exitCode = null;
  fake.app.switches = [];
  fake.app.ready = false;
  fake.powerSaveBlocker.types = [];
  fake.app.hasLock = true;
  fake.app.relaunches = [];
  fake.app.hardwareAccelerationDisabled = false;
});

afterEach(() => {
  fake.app.removeAllListeners();
  // Only the shell's own signal listeners, not the test runner's.
  for (const name of ['SIGINT', 'SIGTERM'] as const) {
    for (const listener of process.listeners(name)) if (!signalListeners[name].includes(listener)) process.off(name, listener);
  }
});

describe('bootShell (electron replaced by a fake: this machine cannot run Electron)', () => {
  it('starts the hub in the main process with the flags and the app data folder', async () => {
    const { startHub } = await boot(['--no-sandbox', '--port=8080', '--model=/m.json', '--backend=js']);
    // The shell runs the exhibit: LAN by default (issue 3); an explicit --port gets no fallback.
    expect(startHub).toHaveBeenCalledWith(
      { host: '0.0.0.0', port: 8080, stateDir: '/user-data/userData', modelPath: '/m.json', backend: 'js', portFallback: false },
      // The operator routes reach the shell and the settings through these.
      { shell: expect.objectContaining({ kind: 'electron' }), settings: expect.objectContaining({ get: expect.any(Function) }) },
    );
  });

  it('checks the hub flags as kiosk start and kiosk serve do: a LAN address is refused before the hub starts', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { startHub, out } = await boot(['--host=192.168.1.20']);
    await settle();
    errors.mockRestore();
    expect(startHub).not.toHaveBeenCalled();
    expect(parseShellEvent(out[0]?.trim() ?? '')).toMatchObject({ event: 'kiosk-shell-fatal', message: expect.stringMatching(/^mlp-kiosk: --host .*use --host 0\.0\.0\.0 to also serve the LAN\)$/) as unknown as string });
    expect(fake.BrowserWindow.all).toHaveLength(0);
    expect(fake.app.exitCode).toBe(1);
  });

  it('opens one locked-down, frameless, full-screen kiosk window on the display URL', async () => {
    const { window, out } = await boot();
    expect(fake.BrowserWindow.all).toHaveLength(1);
    expect(window?.options).toMatchObject({
      kiosk: true,
      fullscreen: true,
      frame: false,
      show: false,
      webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false, devTools: true },
    });
    expect(window?.menuRemoved).toBe(true);
    expect(fake.Menu.applicationMenu).toBeNull();
    expect(window?.loaded).toEqual([DISPLAY_URL]);
    expect(window?.shown).toBe(true);
    expect(out.map((line) => parseShellEvent(line.trim()))).toEqual([{ event: 'kiosk-shell-ready', displayUrl: DISPLAY_URL, backend: 'js' }]);
  });

  it('blocks new windows, webviews, and navigation or redirects away from the hub', async () => {
    const { window } = await boot();
    const contents = window?.webContents;
    if (!contents) throw new Error('no window');
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    const navigate = (event: string, url: string) => {
      const e = { url, preventDefault: vi.fn() };
      contents.emit(event, e);
      return e.preventDefault.mock.calls.length > 0;
    };
    expect(navigate('will-navigate', 'https://example.com/')).toBe(true);
    expect(navigate('will-navigate', 'http://127.0.0.1:9999/display/')).toBe(true);
    expect(navigate('will-navigate', 'http://127.0.0.1:4321/display/?reload=1')).toBe(false);
    expect(navigate('will-redirect', 'file:///etc/passwd')).toBe(true);
    expect(navigate('will-attach-webview', 'http://127.0.0.1:4321/')).toBe(true);
  });

  it('lets WebGL fall back to software rendering, a switch that only works before ready', async () => {
    const readyWhenSwitched: boolean[] = [];
    const append = fake.app.commandLine.appendSwitch;
    fake.app.commandLine.appendSwitch = (name: string) => {
      readyWhenSwitched.push(fake.app.ready);
      append(name);
    };
    try {
      await boot();
    } finally {
      fake.app.commandLine.appendSwitch = append;
    }
    expect(fake.app.switches).toEqual(['enable-unsafe-swiftshader']);
    expect(readyWhenSwitched).toEqual([false]);
  });

  it('denies every permission request and check, without a prompt', async () => {
    await boot();
    const { requestHandler, checkHandler } = fake.session.defaultSession as { requestHandler: (...a: unknown[]) => void; checkHandler: (...a: unknown[]) => boolean };
    const callback = vi.fn();
    requestHandler({}, 'media', callback, {});
    expect(callback).toHaveBeenCalledWith(false);
    expect(checkHandler({}, 'notifications', 'http://127.0.0.1:4321', {})).toBe(false);
  });

  it('keeps the display awake until quit, then undoes everything and closes the hub', async () => {
    const { hub, window } = await boot();
    expect(fake.powerSaveBlocker.types).toEqual(['prevent-display-sleep']);
    expect(fake.powerSaveBlocker.isStarted(7)).toBe(true);
    fake.app.emit('window-all-closed');
    await settle();
    expect(hub.close).toHaveBeenCalledOnce();
    expect(fake.powerSaveBlocker.isStarted(7)).toBe(false);
    expect(window?.destroyed).toBe(true);
    expect(fake.session.defaultSession.requestHandler).toBeNull();
    expect(fake.app.listenerCount('web-contents-created')).toBe(0);
    expect(fake.app.exitCode).toBe(0);
  });

  it('quits on SIGTERM (the launcher or a service manager)', async () => {
    const { hub } = await boot();
    process.emit('SIGTERM', 'SIGTERM');
    await settle();
    expect(hub.close).toHaveBeenCalledOnce();
    expect(fake.app.exitCode).toBe(0);
  });

  it('turns devtools off in the installed app', async () => {
    fake.app.isPackaged = true;
    try {
      const { window } = await boot();
      expect(window?.options).toMatchObject({ webPreferences: { devTools: false } });
    } finally {
      fake.app.isPackaged = false;
    }
  });

  it('a hub that cannot start: tells the launcher why, opens no window, exits 1', async () => {
    const out: string[] = [];
    const startHub = vi.fn(async () => {
      throw new Error('listen EADDRINUSE: address already in use 0.0.0.0:8080');
    });
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    await bootShell({ startHub, argv: [], stdout: { write: (t: string) => out.push(t) } });
    await settle();
    errors.mockRestore();
    expect(fake.BrowserWindow.all).toHaveLength(0);
    expect(parseShellEvent(out[0]?.trim() ?? '')).toEqual({ event: 'kiosk-shell-fatal', message: 'listen EADDRINUSE: address already in use 0.0.0.0:8080' });
    expect(fake.app.exitCode).toBe(1);
  });
});

describe('bootShell: one instance, remote content, devtools (electron replaced by a fake)', () => {
  it('a second launch brings the running window to the front and ends, telling the launcher not to fall back', async () => {
    const first = await boot();
    if (!first.window) throw new Error('no window');
    first.window.minimized = true;
    fake.app.emit('second-instance', {}, [], '/');
    expect(first.window.minimized).toBe(false);
    expect(first.window.focused).toBe(true);

    fake.app.hasLock = false;
    const out: string[] = [];
    const startHub = vi.fn(async () => stubHub());
    await bootShell({ startHub, argv: [], stdout: { write: (t: string) => out.push(t) }, log });
    await settle();
    expect(startHub).not.toHaveBeenCalled();
    expect(fake.BrowserWindow.all).toHaveLength(1);
    expect(parseShellEvent(out[0]?.trim() ?? '')).toEqual({ event: 'kiosk-shell-fatal', message: 'the kiosk is already running; its window was brought to the front' });
  });

  it('cancels every request that is not for the hub, and gives hub responses the CSP if they lack one', async () => {
    await boot();
    const { beforeRequest, headersReceived } = fake.session.defaultSession.webRequest as unknown as {
      beforeRequest: (details: { url: string }, cb: (r: { cancel: boolean }) => void) => void;
      headersReceived: (details: { url: string; responseHeaders?: Record<string, string[]> }, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void;
    };
    const cancelled = (url: string) => {
      let result: boolean | undefined;
      beforeRequest({ url }, (r) => (result = r.cancel));
      return result;
    };
    expect(cancelled('http://127.0.0.1:4321/display/main.js')).toBe(false);
    expect(cancelled('ws://127.0.0.1:4321/ws')).toBe(false);
    expect(cancelled('data:text/html;charset=utf-8,%3Cp%3E')).toBe(false);
    expect(cancelled('devtools://devtools/bundled/devtools_app.html')).toBe(false);
    expect(cancelled('https://cdn.example.com/three.js')).toBe(true);
    expect(cancelled('https://127.0.0.1:4321/')).toBe(true);
    expect(cancelled('wss://127.0.0.1:4321/ws')).toBe(true);
    expect(cancelled('http://127.0.0.1:9999/')).toBe(true);
    expect(cancelled('http://localhost:4321/')).toBe(true);
    expect(cancelled('file:///etc/passwd')).toBe(true);
    expect(cancelled('not a url')).toBe(true);
    let headers: Record<string, string[]> = {};
    headersReceived({ url: 'http://127.0.0.1:4321/x', responseHeaders: {} }, (r) => (headers = r.responseHeaders));
    expect(headers['Content-Security-Policy']?.[0]).toMatch(/^default-src 'none'; script-src 'self'/);
    headersReceived({ url: 'http://127.0.0.1:4321/x', responseHeaders: { 'content-security-policy': ['own'] } }, (r) => (headers = r.responseHeaders));
    expect(headers).toEqual({ 'content-security-policy': ['own'] });
  });

  it('in the installed app the devtools keys do nothing and devtools close if opened', async () => {
    fake.app.isPackaged = true;
    try {
      const { window } = await boot();
      const contents = window?.webContents;
      if (!contents) throw new Error('no window');
      const press = (input: Record<string, unknown>) => {
        const event = { preventDefault: vi.fn() };
        contents.emit('before-input-event', event, { type: 'keyDown', control: false, meta: false, shift: false, alt: false, ...input });
        return event.preventDefault.mock.calls.length > 0;
      };
      expect(press({ key: 'F12' })).toBe(true);
      expect(press({ key: 'I', control: true, shift: true })).toBe(true);
      expect(press({ key: 'j', meta: true, alt: true })).toBe(true);
      expect(press({ key: 'a' })).toBe(false);
      expect(press({ key: 'i', control: true })).toBe(false);
      contents.emit('devtools-opened');
      expect(contents.devToolsClosed).toBe(1);
    } finally {
      fake.app.isPackaged = false;
    }
  });
});

describe('bootShell: recovery, GPU, watchdog, nightly restart (electron replaced by a fake; fake clock)', () => {
  let stateDir: string;
  beforeEach(async () => {
    stateDir = await mkdtemp(path.join(tmpdir(), 'shell-state-'));
    logged.length = 0;
  });
  afterEach(async () => {
    vi.useRealTimers();
    await rm(stateDir, { recursive: true, force: true });
  });

  const restartsOnDisk = async () => {
    const { readFile } = await import('node:fs/promises');
    return (JSON.parse(await readFile(path.join(stateDir, 'shell-restarts.json'), 'utf8')) as { restarts: { cause: string }[] }).restarts.map((r) => r.cause);
  };

  it('a renderer that keeps crashing is reloaded three times, then the recovery page shows; causes are kept', async () => {
    const { window } = await boot([`--state-dir=${stateDir}`]);
    if (!window) throw new Error('no window');
    for (let i = 0; i < 4; i++) window.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    expect(window.webContents.reloads).toBe(3);
    expect(isRecoveryPageUrl(window.loaded.at(-1) ?? '')).toBe(true);
    // On the way out crash recovery is undone before the window goes: a renderer ending then is no crash.
    const listenersAtDestroy: number[] = [];
    const destroy = window.destroy.bind(window);
    window.destroy = () => {
      listenersAtDestroy.push(window.webContents.listenerCount('render-process-gone'));
      destroy();
    };
    fake.app.emit('window-all-closed');
    // Quitting waits for the history's writes before the exit.
    await vi.waitFor(() => expect(fake.app.exitCode).toBe(0));
    expect(await restartsOnDisk()).toEqual(['crash:crashed', 'crash:crashed', 'crash:crashed', 'crash:crashed (recovery page)']);
    expect(listenersAtDestroy).toEqual([0]);
  });

  it('starts the updater before the hub, hands it to the operator routes, lets it ask the hub whether a visitor draws, and tells it of crashes', async () => {
    // A recording stand-in for main/update/create-update-service.ts (tested against a real release feed in tests/unit/main/update/).
    const seen: { isDrawing?: () => boolean } = {};
    const stopped = vi.fn();
    const updates = { start: vi.fn(() => stopped), noteCrash: vi.fn() };
    const hub = stubHub();
    const startHub = vi.fn(async (_options: unknown, _services?: unknown) => hub);
    await bootShell({
      startHub,
      argv: [`--state-dir=${stateDir}`],
      stdout: { write: () => {} },
      openSettings: () => createMemorySettingsStore(),
      createUpdates: (deps) => {
        seen.isDrawing = deps.isDrawing;
        expect(deps.stateDir).toBe(stateDir);
        return updates as unknown as ReturnType<NonNullable<Parameters<typeof bootShell>[0]['createUpdates']>>;
      },
      log,
    });
    expect(updates.start).toHaveBeenCalledOnce();
    expect(startHub.mock.calls[0]?.[1]).toMatchObject({ updates });
    hub.drawing = true;
    expect(seen.isDrawing?.()).toBe(true);
    hub.drawing = false;
    expect(seen.isDrawing?.()).toBe(false);
    const window = fake.BrowserWindow.all.at(-1);
    window?.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    expect(updates.noteCrash).toHaveBeenCalledOnce();
    fake.app.emit('window-all-closed');
    await vi.waitFor(() => expect(fake.app.exitCode).toBe(0));
    expect(stopped).toHaveBeenCalledOnce();
  });

  it('repeated GPU crashes relaunch the kiosk once, without hardware acceleration, and say why', async () => {
    await boot([`--state-dir=${stateDir}`]);
    fake.app.emit('child-process-gone', {}, { type: 'Utility', reason: 'crashed', exitCode: 1 });
    for (let i = 0; i < 2; i++) fake.app.emit('child-process-gone', {}, { type: 'GPU', reason: 'crashed', exitCode: 1 });
    expect(fake.app.relaunches).toEqual([]);
    fake.app.emit('child-process-gone', {}, { type: 'GPU', reason: 'crashed', exitCode: 1 });
    expect(fake.app.relaunches).toEqual([{ args: expect.arrayContaining(['--kiosk-disable-gpu']) as unknown as string[] }]);
    await vi.waitFor(() => expect(fake.app.exitCode).toBe(0));
    expect(await restartsOnDisk()).toEqual(['gpu-crashes: relaunched without hardware acceleration']);
  });

  it('the relaunched kiosk runs without hardware acceleration and does not relaunch again', async () => {
    await boot([`--state-dir=${stateDir}`, '--kiosk-disable-gpu']);
    expect(fake.app.hardwareAccelerationDisabled).toBe(true);
    for (let i = 0; i < 5; i++) fake.app.emit('child-process-gone', {}, { type: 'GPU', reason: 'crashed', exitCode: 1 });
    expect(fake.app.relaunches).toEqual([]);
  });

  it('the watchdog reloads a display that sent no heartbeat for 30 s', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'], now: 1_000_000 });
    const { window, hub } = await boot([`--state-dir=${stateDir}`]);
    if (!window) throw new Error('no window');
    hub.health = { displays: 1, lastHeartbeatAt: Date.now(), fps: 60 };
    vi.advanceTimersByTime(20_000);
    hub.health = { displays: 1, lastHeartbeatAt: Date.now(), fps: 60 };
    vi.advanceTimersByTime(20_000);
    expect(window.webContents.reloads).toBe(0);
    vi.advanceTimersByTime(20_000);
    expect(window.webContents.reloads).toBe(1);
    expect(logged).toContainEqual({ level: 'warn', message: 'display failed; reloading it' });
  });

  it('restarts at the nightly hour, waiting while a visitor draws', async () => {
    const settings = createMemorySettingsStore({ ...defaultKioskSettings(), nightlyRestartHour: 4 });
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'], now: new Date(2026, 5, 10, 3, 58) });
    const { hub } = await boot([`--state-dir=${stateDir}`], settings);
    // A healthy display all along: only the nightly restart acts.
    hub.displayHealth = () => ({ displays: 1, lastHeartbeatAt: Date.now(), fps: 60 });
    hub.drawing = true;
    vi.advanceTimersByTime(3 * 60_000);
    expect(fake.app.relaunches).toEqual([]);
    hub.drawing = false;
    vi.advanceTimersByTime(3 * 60_000);
    expect(fake.app.relaunches).toHaveLength(1);
    vi.useRealTimers();
    await vi.waitFor(() => expect(fake.app.exitCode).toBe(0));
    expect(await restartsOnDisk()).toEqual(['nightly']);
  });
});
