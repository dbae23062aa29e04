// A small recording stand-in for the `electron` module, for the shell's
// wiring tests only: this machine cannot run Electron (its binary is not
// downloaded), so each test file replaces the module with this fake through
// vi.mock('electron', ...). It records the calls we make against
// electron.d.ts's API; it proves the wiring, not how a real Electron behaves.
import { EventEmitter } from 'node:events';

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  url = '';
  reloads = 0;
  crashedByUs = 0;
  devToolsClosed = 0;
  constructor(private readonly owner?: { loaded: string[] }) {
    super();
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
  getURL() {
    return this.url;
  }
  reload() {
    this.reloads++;
    this.owner?.loaded.push(`reload:${this.url}`);
  }
  forcefullyCrashRenderer() {
    this.crashedByUs++;
    // A real renderer killed this way reports itself gone.
    this.emit('render-process-gone', {}, { reason: 'killed', exitCode: 9 });
  }
  closeDevTools() {
    this.devToolsClosed++;
  }
}

export function createFakeElectron() {
  class FakeBrowserWindow extends EventEmitter {
    static all: FakeBrowserWindow[] = [];
    webContents: FakeWebContents;
    loaded: string[] = [];
    shown = false;
    focused = false;
    minimized = false;
    destroyed = false;
    menuRemoved = false;
    /** Set to make loadURL reject (the page did not load). */
    failLoads = false;
    constructor(readonly options: Record<string, unknown>) {
      super();
      this.webContents = new FakeWebContents(this);
      FakeBrowserWindow.all.push(this);
      app.emit('web-contents-created', {}, this.webContents);
    }
    async loadURL(url: string) {
      this.loaded.push(url);
      this.webContents.url = url;
      if (this.failLoads) throw new Error('ERR_CONNECTION_REFUSED');
      this.emit('ready-to-show');
    }
    show() {
      this.shown = true;
    }
    focus() {
      this.focused = true;
    }
    isMinimized() {
      return this.minimized;
    }
    restore() {
      this.minimized = false;
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
  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    exitCode: null as number | null,
    switches: [] as string[],
    hardwareAccelerationDisabled: false,
    commandLine: { appendSwitch: (name: string) => void app.switches.push(name) },
    ready: false,
    hasLock: true,
    lockReleased: false,
    relaunches: [] as unknown[],
    loginItem: undefined as unknown,
    whenReady: async () => {
      app.ready = true;
    },
    getPath: (name: string) => `/user-data/${name}`,
    requestSingleInstanceLock: () => app.hasLock,
    releaseSingleInstanceLock: () => void (app.lockReleased = true),
    disableHardwareAcceleration: () => void (app.hardwareAccelerationDisabled = true),
    relaunch: (options?: unknown) => void app.relaunches.push(options),
    setLoginItemSettings: (settings: unknown) => void (app.loginItem = settings),
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
  type Handler = ((...args: never[]) => unknown) | null;
  const webRequest = {
    beforeRequest: null as Handler,
    headersReceived: null as Handler,
    onBeforeRequest(h: Handler) {
      this.beforeRequest = h;
    },
    onHeadersReceived(h: Handler) {
      this.headersReceived = h;
    },
  };
  const defaultSession = {
    requestHandler: undefined as unknown,
    checkHandler: undefined as unknown,
    webRequest,
    setPermissionRequestHandler(h: unknown) {
      this.requestHandler = h;
    },
    setPermissionCheckHandler(h: unknown) {
      this.checkHandler = h;
    },
  };
  const Menu = { applicationMenu: undefined as unknown, setApplicationMenu: (m: unknown) => void (Menu.applicationMenu = m) };
  return { app, BrowserWindow: FakeBrowserWindow, powerSaveBlocker, session: { defaultSession }, Menu };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;
export type FakeWindow = InstanceType<FakeElectron['BrowserWindow']>;

/** The module object vi.mock('electron', ...) returns. */
export function electronModule(fake: FakeElectron) {
  return { app: fake.app, BrowserWindow: fake.BrowserWindow, Menu: fake.Menu, powerSaveBlocker: fake.powerSaveBlocker, session: fake.session };
}
