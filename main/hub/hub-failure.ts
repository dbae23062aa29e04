import type { HubErrorCode } from '../../app/contract/hub-error.js';

/** A failure the hub reports to a client as a typed error (see app/contract/hub-error.ts). */
export class HubFailure extends Error {
  override readonly name = 'HubFailure';
  constructor(
    readonly code: HubErrorCode,
    message: string,
  ) {
    super(message);
  }
}
