import electronUpdater, { type AppUpdater } from 'electron-updater';
import { createNodeAppAdapter, type NodeAppAdapterOptions } from './node-app-adapter.js';
import { NodeHttpExecutor } from './node-http-executor.js';

/**
 * A real electron-updater updater that runs in plain Node: DebUpdater (its
 * download step is a plain HTTP download with the sha512 check; NSIS would
 * also try Windows code signing, AppImage needs $APPIMAGE) with a Node app
 * adapter and HTTP client. On Linux it reads the channel file
 * `latest-linux.yml` (`<channel>-linux.yml`), as the kiosk's AppImage and
 * deb builds do. Used by the tests; its install step (dpkg) is never run here.
 */
export function createNodeUpdater(options: NodeAppAdapterOptions): AppUpdater {
  const updater = new electronUpdater.DebUpdater(null, createNodeAppAdapter(options));
  // electron-updater leaves its HTTP client unset when given an app adapter (its own needs Electron's net);
  // the field is internal to the library, hence the cast.
  (updater as unknown as { httpExecutor: NodeHttpExecutor }).httpExecutor = new NodeHttpExecutor();
  return updater;
}
