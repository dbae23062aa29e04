// This machine cannot run Electron: its binary is not downloaded (see the
// README). So this test replaces the `electron` module, here and only here,
// with a small recording fake, and checks the shell's wiring: which window it
// asks for, which policies it installs, what it loads, and that quitting
// disposes everything. It proves the calls we make against electron.d.ts's
// API, not how a real Electron behaves.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const fake = await vi.hoisted(async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  class FakeWebContents extends Emitter {
    windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
      this.windowOpenHandler = handler;
    }
  }
  class FakeBrowserWindow extends Emitter {
    static all: FakeBrowserWindow[] = [];
    webContents = new FakeWebContents();
    loaded: string[] = [];
    shown = false;
    destroyed = false;
    menuRemoved = false;
    constructor(readonly options: Record<string, unknown>) {
      super();
      FakeBrowserWindow.all.push(this);
      fake.app.emit('web-contents-created', {}, this.webContents);
    }
    async loadURL(url: string) {
      this.loaded.push(url);
      this.emit('ready-to-show');
    }
    show() {
      this.shown = true;
    }
    removeMenu() {
      this.menuRemoved = true;
    }
    isDestroyed() {
      return this.destroyed;
    }
    destroy() {
      this.destroyed = true;
    }
  }
  const app = Object.assign(new Emitter(), {
    isPackaged: false,
    exitCode: null as number | null,
    switches: [] as string[],
    commandLine: { appendSwitch: (name: string) => void app.switches.push(name) },
    ready: false,
    whenReady: async () => {
      app.ready = true;
    },
    getPath: (name: string) => `/user-data/${name}`,
    quit() {
      let prevented = false;
      app.emit('will-quit', { preventDefault: () => (prevented = true) });
      if (!prevented) app.exitCode = 0;
    },
    exit(code: number) {
      app.exitCode = code;
    },
  });
  const blockers = new Set<number>();
  const powerSaveBlocker = {
    types: [] as string[],
    start: (type: string) => {
      powerSaveBlocker.types.push(type);
      blockers.add(7);
      return 7;
    },
    isStarted: (id: number) => blockers.has(id),
    stop: (id: number) => void blockers.delete(id),
  };
  const defaultSession = {
    requestHandler: undefined as unknown,
    checkHandler: undefined as unknown,
    setPermissionRequestHandler(h: unknown) {
      this.requestHandler = h;
    },
    setPermissionCheckHandler(h: unknown) {
      this.checkHandler = h;
    },
  };
  const Menu = { applicationMenu: undefined as unknown, setApplicationMenu: (m: unknown) => void (Menu.applicationMenu = m) };
  return { app, BrowserWindow: FakeBrowserWindow, powerSaveBlocker, session: { defaultSession }, Menu, FakeWebContents };
});

vi.mock('electron', () => ({
  app: fake.app,
  BrowserWindow: fake.BrowserWindow,
  Menu: fake.Menu,
  powerSaveBlocker: fake.powerSaveBlocker,
  session: fake.session,
}));

const { bootShell } = await import('../../../../main/shell/boot-shell.js');
const { parseShellEvent } = await import('../../../../main/shell/shell-event.js');

const DISPLAY_URL = 'http://127.0.0.1:4321/display/?key=secret';

function stubHub() {
  // A stand-in for main/hub/start-hub.ts: the shell only needs its URL and close().
  return { displayUrl: DISPLAY_URL, backendName: 'js', close: vi.fn(async () => {}) };
}

async function boot(argv: string[] = []) {
  const hub = stubHub();
  const startHub = vi.fn(async () => hub);
  const out: string[] = [];
  await bootShell({ startHub, argv, stdout: { write: (t: string) => out.push(t) } });
  const window = fake.BrowserWindow.all.at(-1);
  return { hub, startHub, out, window };
}

const settle = () => new Promise((r) => setTimeout(r, 10));

let signalListeners: Record<'SIGINT' | 'SIGTERM', NodeJS.SignalsListener[]> = { SIGINT: [], SIGTERM: [] };

beforeEach(() => {
  signalListeners = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };
  fake.BrowserWindow.all = [];
  fake.app.exitCode = null;
  fake.app.switches = [];
  fake.app.ready = false;
  fake.powerSaveBlocker.types = [];
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
    expect(startHub).toHaveBeenCalledWith({ host: '0.0.0.0', port: 8080, stateDir: '/user-data/userData', modelPath: '/m.json', backend: 'js', portFallback: false });
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
