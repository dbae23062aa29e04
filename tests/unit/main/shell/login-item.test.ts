// Launch at login, with the `electron` module replaced by the recording fake
// of fake-electron.ts (this machine cannot run Electron). On Linux the XDG
// autostart entry is a real file, written to a temporary folder.
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const { fake, electronModule } = await vi.hoisted(async () => {
  const m = await import('./fake-electron.js');
  return { fake: m.createFakeElectron(), electronModule: m.electronModule };
});
vi.mock('electron', () => electronModule(fake));

const { setupLoginItem } = await import('../../../../main/shell/login-item.js');
const { autostartEntry, desktopExec, AUTOSTART_FILE } = await import('../../../../main/shell/linux-autostart.js');
const { createMemorySettingsStore } = await import('../../../../main/settings/settings-store.js');

const errors: string[] = [];
const log = { info: () => {}, warn: () => {}, error: (m: string) => void errors.push(m) };
let home: string;

beforeEach(async () => {
  home = await mkdtemp(path.join(tmpdir(), 'login-item-'));
  fake.app.loginItem = undefined;
  errors.length = 0;
});
afterEach(() => rm(home, { recursive: true, force: true }));

const entryFile = () => path.join(home, '.config', 'autostart', AUTOSTART_FILE);

describe('setupLoginItem', () => {
  it('Windows and macOS: registers the login item from the setting and follows its changes', async () => {
    const settings = createMemorySettingsStore();
    const dispose = setupLoginItem({ settings, packaged: true, log, platform: 'win32' });
    expect(fake.app.loginItem).toEqual({ openAtLogin: true });
    await settings.update((s) => ({ ...s, launchAtLogin: false }));
    expect(fake.app.loginItem).toEqual({ openAtLogin: false });
    dispose();
    await settings.update((s) => ({ ...s, launchAtLogin: true }));
    expect(fake.app.loginItem).toEqual({ openAtLogin: false });
  });

  it('Linux: writes the XDG autostart entry for the AppImage, and removes it when turned off', async () => {
    const settings = createMemorySettingsStore();
    setupLoginItem({ settings, packaged: true, log, platform: 'linux', env: { APPIMAGE: '/opt/MLP Kiosk/mlp-kiosk.AppImage' }, home });
    await vi.waitFor(async () => expect(await readFile(entryFile(), 'utf8')).toBe(autostartEntry('/opt/MLP Kiosk/mlp-kiosk.AppImage')));
    expect(await readFile(entryFile(), 'utf8')).toContain('Exec="/opt/MLP Kiosk/mlp-kiosk.AppImage"\n');
    expect(fake.app.loginItem).toBeUndefined();
    await settings.update((s) => ({ ...s, launchAtLogin: false }));
    await vi.waitFor(async () => expect(await readdir(path.dirname(entryFile()))).toEqual([]));
  });

  it('Linux: honours XDG_CONFIG_HOME', async () => {
    const config = path.join(home, 'cfg');
    setupLoginItem({ settings: createMemorySettingsStore(), packaged: true, log, platform: 'linux', env: { XDG_CONFIG_HOME: config }, home });
    await vi.waitFor(async () => expect(await readdir(path.join(config, 'autostart'))).toEqual([AUTOSTART_FILE]));
  });

  it('Linux: a folder that cannot be written is logged, not thrown', async () => {
    const { writeFile } = await import('node:fs/promises');
    await writeFile(path.join(home, '.config'), 'a file where the folder should be');
    setupLoginItem({ settings: createMemorySettingsStore(), packaged: true, log, platform: 'linux', env: {}, home });
    await vi.waitFor(() => expect(errors).toEqual(['could not change launch at login']));
  });

  it('a development run registers nothing', async () => {
    setupLoginItem({ settings: createMemorySettingsStore(), packaged: false, log, platform: 'linux', env: {}, home });
    setupLoginItem({ settings: createMemorySettingsStore(), packaged: false, log, platform: 'darwin', env: {}, home });
    await new Promise((r) => setTimeout(r, 20));
    expect(await readdir(home)).toEqual([]);
    expect(fake.app.loginItem).toBeUndefined();
  });

  it('quotes the executable as the Desktop Entry spec asks', () => {
    expect(desktopExec('/opt/a b/kiosk')).toBe('"/opt/a b/kiosk"');
    expect(desktopExec('/opt/$x"`\\/kiosk')).toBe('"/opt/\\\\$x\\\\"\\\\`\\\\\\\\/kiosk"');
  });
});
