import electronUpdater, { type AppUpdater } from 'electron-updater';
import { createUpdateService, type UpdateService, type UpdateServiceDeps } from './create-update-service.js';

/**
 * The updater as the Electron main process builds it: electron-updater's
 * default autoUpdater (NSIS on Windows, AppImage or deb on Linux, chosen by
 * electron-updater from the installed package), with its Electron app
 * adapter and Electron's network stack (system proxy, OS certificates).
 * Only type-checked here: this machine has no Electron binary; everything
 * below it runs in tests with a Node updater (tests/unit/main/update/).
 */
export function createElectronUpdater(): () => AppUpdater {
  let first = true;
  return () => {
    const auto = electronUpdater.autoUpdater;
    if (first) {
      first = false;
      return auto;
    }
    // A changed feed or channel gets a fresh updater of the same kind (the default adapter, Electron's net), so nothing of the old feed lingers.
    return new (auto.constructor as new () => AppUpdater)();
  };
}

export function createElectronUpdateService(deps: Omit<UpdateServiceDeps, 'createUpdater' | 'install'>): UpdateService {
  return createUpdateService({
    ...deps,
    createUpdater: createElectronUpdater(),
    // Silent install, then start the kiosk again (no installer window, no prompt on an unattended exhibit).
    install: (updater) => updater.quitAndInstall(true, true),
  });
}
