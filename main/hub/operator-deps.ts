import type { DisplayHealth } from '../../app/kiosk/watchdog-check.js';
import type { PairingInfo } from '../../app/contract/pairing-info.js';
import type { RecentProblem } from '../../app/contract/operator-state.js';
import type { LockoutRules } from '../../app/pairing/pin-lockout.js';
import type { SettingsStore } from '../settings/settings-store.js';
import type { HubLog } from './hub-log.js';
import type { DeviceAdmin } from './http-routes.js';
import type { ShellControl, UpdateControl } from './kiosk-services.js';
import type { LoadModel, ModelSlot } from './model-slot.js';

/** The displays' heartbeats (display-sockets.ts records them; the shell's watchdog reads them too). */
export type { DisplayHealth } from '../../app/kiosk/watchdog-check.js';

/** Everything the operator routes use: the hub's own pieces and the kiosk's services. */
export interface OperatorDeps {
  readonly settings: SettingsStore;
  readonly updates?: UpdateControl;
  readonly shell?: ShellControl;
  readonly slot: ModelSlot;
  /** Loads a model file without using it (an upload's proof). */
  readonly loadModel: LoadModel;
  /** Uploaded models go to <stateDir>/models/; without one, uploads are refused. */
  readonly stateDir?: string;
  /** The model bundled with the kiosk (settings.modelPath null). */
  readonly bundledModel: string;
  readonly log: HubLog;
  /** The built operator page (dist/renderer/operator). */
  readonly operatorDir: string;
  readonly address: () => { host: string; port: number };
  readonly pairing: () => PairingInfo;
  readonly devices: DeviceAdmin;
  readonly displays: () => number;
  readonly displayHealth?: () => DisplayHealth;
  readonly recentProblems: () => RecentProblem[];
  /** Shows the slot's current snapshot on every display (announce, then answer the drawing again). */
  readonly announceSnapshot: () => void;
  /** The hub's switchModel: a model that fails to load leaves the one in use. */
  readonly switchModel: (file: string) => Promise<void>;
  readonly startedAt: number;
  /** Tests shorten the lockout and move the clock. */
  readonly lockout?: LockoutRules;
  readonly now?: () => number;
}
