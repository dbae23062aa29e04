// The part of the hub the launcher and the shell rely on (main/hub/start-hub.ts
// provides it); stated here so that they can be tested with any hub. The
// options are the hub's own, as main/cli/hub-flags.ts maps the flags to them.
import type { HubFlagOptions } from '../cli/hub-flags.js';

export type HubStartOptions = HubFlagOptions;

export interface HubHandle {
  /** The display page, with the per-launch secret for loopback clients. */
  displayUrl: string;
  backendName: string;
  close(): Promise<void>;
}

export type StartHub = (options: HubStartOptions) => Promise<HubHandle>;
