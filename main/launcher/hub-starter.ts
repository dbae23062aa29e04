// The part of the hub the launcher and the shell rely on (main/hub/start-hub.ts
// provides it); stated here so that they can be tested with any hub.
export interface HubStartOptions {
  host?: string;
  port?: number;
  stateDir?: string;
  modelPath?: string;
  backend?: 'auto' | 'ort' | 'js';
}

export interface HubHandle {
  /** The display page, with the per-launch secret for loopback clients. */
  displayUrl: string;
  backendName: string;
  close(): Promise<void>;
}

export type StartHub = (options: HubStartOptions) => Promise<HubHandle>;
