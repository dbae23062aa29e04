// The part of the hub the launcher and the shell rely on (main/hub/start-hub.ts
// provides it); stated here so that they can be tested with any hub. The
// options are the hub's own, as main/cli/hub-flags.ts maps the flags to them.
import type { DisplayHealth } from '../../app/kiosk/watchdog-check.js';
import type { HubFlagOptions } from '../cli/hub-flags.js';
import type { ShellControl, UpdateControl } from '../hub/kiosk-services.js';
import type { SettingsStore } from '../settings/settings-store.js';

export type HubStartOptions = HubFlagOptions;

export interface HubHandle {
  /** The display page, with the per-launch secret for loopback clients. */
  displayUrl: string;
  backendName: string;
  /** The displays' heartbeats (the Electron shell's watchdog). */
  displayHealth(): DisplayHealth;
  /** Tells the display pages to reload themselves (the Chromium shell's reloadDisplay). */
  reloadDisplays(cause: string): void;
  /** A visitor is drawing now (the nightly restart waits); absent: never known to be drawing. */
  isDrawing?(): boolean;
  close(): Promise<void>;
}

/** What the shell around the display hands the hub for its operator routes (KioskServices). */
export interface ShellServices {
  readonly shell: ShellControl;
  readonly settings?: SettingsStore;
  /** The installed app's updater (the Electron shell only). */
  readonly updates?: UpdateControl;
}

export type StartHub = (options: HubStartOptions, services?: ShellServices) => Promise<HubHandle>;
