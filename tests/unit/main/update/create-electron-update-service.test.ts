import { EventEmitter } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultKioskSettings } from '../../../../app/contract/kiosk-settings.js';
import { silentLog } from '../../../../main/hub/hub-log.js';
import { createMemorySettingsStore } from '../../../../main/settings/settings-store.js';

// The Electron wiring only: electron-updater's autoUpdater (which needs a
// running Electron app) is REPLACED in this test by a recording fake, to
// check what the Electron service asks of it. The real electron-updater
// classes, download and checksum are exercised in update-service.test.ts.
class FakeUpdater extends EventEmitter {
  static made = 0;
  autoDownload = true;
  autoInstallOnAppQuit = true;
  allowDowngrade = false;
  channel: string | null = null;
  logger: unknown = null;
  isUpdateSupported = async (_info: unknown) => true;
  isUserWithinRollout = async (_info: unknown) => true;
  feeds: unknown[] = [];
  installs: unknown[][] = [];
  constructor() {
    super();
    FakeUpdater.made++;
  }
  setFeedURL(options: unknown) {
    this.feeds.push(options);
  }
  async checkForUpdates() {
    const info = { version: '0.2.0', files: [{ url: 'a.exe', sha512: 'x'.repeat(88) }] };
    const take = (await this.isUpdateSupported(info)) && (await this.isUserWithinRollout(info));
    return { isUpdateAvailable: take, updateInfo: info, downloadPromise: take ? Promise.resolve(['a.exe']) : null };
  }
  quitAndInstall(...args: unknown[]) {
    this.installs.push(args);
  }
}

const auto = new FakeUpdater();
vi.mock('electron-updater', () => ({ default: { get autoUpdater() { return auto; } } }));

const { createElectronUpdater, createElectronUpdateService } = await import('../../../../main/update/create-electron-update-service.js');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kiosk-electron-update-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('createElectronUpdater', () => {
  it("uses electron-updater's default autoUpdater first, then fresh updaters of its kind", () => {
    const make = createElectronUpdater();
    expect(make()).toBe(auto);
    const before = FakeUpdater.made;
    const fresh = make();
    expect(fresh).not.toBe(auto);
    expect(fresh).toBeInstanceOf(FakeUpdater);
    expect(FakeUpdater.made).toBe(before + 1);
  });
});

describe('createElectronUpdateService', () => {
  it('sets the generic feed and channel, downloads in the background, never installs on quit, installs silently and runs the kiosk again', async () => {
    const defaults = defaultKioskSettings();
    const settings = createMemorySettingsStore({ ...defaults, updates: { ...defaults.updates, feedUrl: 'https://updates.example.org/kiosk/', channel: 'beta' } });
    const service = createElectronUpdateService({
      settings,
      currentVersion: '0.1.0',
      stateDir: dir,
      isDrawing: () => false,
      log: silentLog,
      now: () => new Date(2026, 10, 23, 3, 30).getTime(),
      setTimer: () => () => {},
    });
    const stop = service.start();
    await service.checkNow();
    const status = await service.settled();
    stop();
    expect(auto.feeds).toEqual([{ provider: 'generic', url: 'https://updates.example.org/kiosk/', channel: 'beta' }]);
    expect(auto.channel).toBe('beta');
    expect(auto.autoDownload).toBe(true);
    expect(auto.autoInstallOnAppQuit).toBe(false);
    expect(auto.allowDowngrade).toBe(false);
    expect(status.state).toBe('installing');
    expect(auto.installs).toEqual([[true, true]]);
  });
});
