import type { PinHash } from '../../app/contract/kiosk-settings.js';
import { operatorError, type OperatorError } from '../../app/contract/operator-error.js';
import { lockoutKeyOf } from '../../app/pairing/address-key.js';
import { createPinLockout, type LockoutRules } from '../../app/pairing/pin-lockout.js';
import { verifyOperatorPin } from '../settings/operator-pin.js';

/** 5 wrong PINs lock an address for 1 min, each further lock twice as long, up to 30 min. */
export const OPERATOR_LOCKOUT: LockoutRules = { maxFailures: 5, firstLockMs: 60_000, maxLockMs: 30 * 60_000 };

export interface OperatorPinCheck {
  /** Undefined when `pin` is right; else the typed error to answer with (wrong, locked out, none set). */
  check(pin: string, remote: string, hash: PinHash | null): Promise<OperatorError | undefined>;
}

/**
 * The operator PIN with a lockout per source address (per /64 for IPv6,
 * see address-key.ts), the same for loopback (the overlay) and the LAN (a
 * laptop). A locked address is refused before the PIN is even checked, so
 * the right PIN during a lock does not get through either.
 */
export function createOperatorPinCheck(rules: LockoutRules = OPERATOR_LOCKOUT, now: () => number = Date.now): OperatorPinCheck {
  const lockout = createPinLockout(rules);
  return {
    async check(pin, remote, hash) {
      const key = lockoutKeyOf(remote);
      const wait = lockout.retryAfter(key, now());
      if (wait > 0) return operatorError('locked-out', `too many wrong PINs: try again in ${Math.ceil(wait / 1000)} s`, wait);
      if (!hash) return operatorError('no-pin', 'no operator PIN is set on this kiosk yet');
      if (await verifyOperatorPin(pin, hash)) {
        lockout.succeed(key);
        return undefined;
      }
      const locked = lockout.fail(key, now());
      if (locked > 0) return operatorError('locked-out', `too many wrong PINs: try again in ${Math.ceil(locked / 1000)} s`, locked);
      return operatorError('unauthorized', 'wrong PIN');
    },
  };
}
