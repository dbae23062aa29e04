import type { UpdateStatus } from '../../app/contract/update-status.js';
import type { SettingsStore } from '../settings/settings-store.js';

/**
 * What the hub's operator routes need from the rest of the main process,
 * beyond the model and pen services it owns: the settings, the updater and
 * the shell around the display. The Electron shell supplies all three; under
 * `kiosk start` in Chromium or `kiosk serve` the launcher supplies what it
 * can (no updater: updates come with the installed app only).
 */
export interface UpdateControl {
  status(): UpdateStatus;
  /** Checks the feed now (and downloads in the background when something newer is there). */
  checkNow(): Promise<UpdateStatus>;
  /** The operator says "install now": a downloaded update is installed and the kiosk restarts. */
  installNow(): Promise<UpdateStatus>;
  onStatus(listener: (status: UpdateStatus) => void): () => void;
  /**
   * Pins a version: the one running now, the last good one (an older one:
   * a roll back, when the feed still offers it), or none (follow the feed).
   * Nothing but a pinned version installs.
   */
  pin(which: 'current' | 'last-good' | null): Promise<UpdateStatus>;
}

/** One restart or reload of the display, and why (crash, unresponsive, watchdog, nightly, operator). */
export interface RestartRecord {
  readonly at: number;
  readonly cause: string;
}

export interface ShellControl {
  /** What shows the display: the Electron shell, a Chromium kiosk window, or nothing the hub controls. */
  readonly kind: 'electron' | 'chromium' | 'none';
  /** Reloads the display page (Chromium, no shell: the page reloads itself on the hub's word). */
  reloadDisplay(cause: string): void;
  /** Restarts the whole kiosk (hub and display). */
  restart(cause: string): void;
  /** Ends the kiosk (the operator's "exit to desktop"). */
  exit(): void;
  restarts(): readonly RestartRecord[];
}

export interface KioskServices {
  readonly settings: SettingsStore;
  readonly updates?: UpdateControl;
  readonly shell?: ShellControl;
}
