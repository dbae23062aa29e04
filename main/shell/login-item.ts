// Launch at login, from the operator's setting `launchAtLogin`, applied at
// start (the OS may have lost it) and whenever the setting changes. Only the
// installed app registers itself: a development run would register the bare
// Electron binary.
import { app } from 'electron';
import os from 'node:os';
import type { HubLog } from '../hub/hub-log.js';
import type { SettingsStore } from '../settings/settings-store.js';
import type { Disposer } from './disposer.js';
import { autostartDir, syncLinuxAutostart } from './linux-autostart.js';

export interface LoginItemDeps {
  readonly settings: SettingsStore;
  readonly packaged: boolean;
  readonly log: HubLog;
  readonly platform?: NodeJS.Platform;
  readonly env?: NodeJS.ProcessEnv;
  readonly home?: string;
}

export function setupLoginItem(deps: LoginItemDeps): Disposer {
  const { settings, log } = deps;
  const platform = deps.platform ?? process.platform;
  const env = deps.env ?? process.env;
  const apply = (enabled: boolean): void => {
    if (!deps.packaged) return;
    if (platform === 'linux') {
      // An AppImage runs from a temporary mount: its own path is in $APPIMAGE.
      const executable = env.APPIMAGE ?? process.execPath;
      syncLinuxAutostart(autostartDir(env, deps.home ?? os.homedir()), enabled, executable).catch((error: unknown) =>
        log.error('could not change launch at login', { enabled, error: String(error) }),
      );
    } else {
      app.setLoginItemSettings({ openAtLogin: enabled });
    }
  };
  let enabled = settings.get().launchAtLogin;
  if (!deps.packaged) log.info('launch at login applies to the installed app only', { launchAtLogin: enabled });
  apply(enabled);
  return settings.onChange((next) => {
    if (next.launchAtLogin === enabled) return;
    enabled = next.launchAtLogin;
    apply(enabled);
  });
}
