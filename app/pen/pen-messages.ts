/**
 * The pen protocol's messages as the tablet uses them: the contract's types
 * (app/contract/pen-*.ts, docs/PROTOCOL.md) under the names app/pen and the
 * pen page use, so there is one definition of every message.
 */
import { PROTOCOL_VERSION } from '../contract/limits.js';
import type { PenPoint } from '../contract/pen-ink-schema.js';
import type { PenMessage } from '../contract/pen-messages.js';

export type { PenPoint };
export type { PenAuth, PenInkMessage } from '../contract/pen-messages.js';
export type { PenHubMessage } from '../contract/pen-hub-messages.js';
export { PEN_CLOSE } from '../contract/pen-limits.js';

export const PEN_PROTOCOL = PROTOCOL_VERSION;
export type PenStroke = readonly PenPoint[];
export type PenClientMessage = PenMessage;

/** The part of the hub's `drawer` message the turn line needs. */
export interface DrawerView {
  /** True when this pen is the one drawing now. */
  readonly active: boolean;
  /** Name of the pen drawing now, null when nobody is. */
  readonly holder: string | null;
  /** True when the holder has been idle long enough for any pen to take over by drawing. */
  readonly free?: boolean;
  readonly idleTakeoverMs: number;
}
