import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { PEN_TIMING, PIN_LOCKOUT } from '../../app/contract/pen-limits.js';

/**
 * The current one-time pair token (QR code) and PIN. Both are replaced
 * together after each successful pairing and when they expire. After too
 * many wrong PINs from anywhere (per-address lockout alone would let a
 * sprayer with many addresses keep guessing) only the PIN is replaced: the
 * QR code stays good, so PIN guessing cannot keep visitors' scans failing.
 * Whoever shows them (displays, the serve command's ready line) listens with
 * onChange.
 */
export interface PairingCode {
  readonly token: string;
  readonly pin: string;
  readonly expiresAt: number;
}

export interface PairingCodes {
  current(): PairingCode;
  /** True (and the codes rotate) when `token` is the current, unexpired pair token. */
  useToken(token: string): boolean;
  /** True (and the codes rotate) when `pin` is the current PIN; counts wrong ones. */
  usePin(pin: string): boolean;
  onChange(listener: (code: PairingCode) => void): () => void;
  dispose(): void;
}

export interface PairingClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): { unref?: () => unknown } | number | NodeJS.Timeout;
  clearTimeout(handle: unknown): void;
}

const realClock: PairingClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export function createPairingCodes(options: { ttlMs?: number; clock?: PairingClock } = {}): PairingCodes {
  const ttl = options.ttlMs ?? PEN_TIMING.pairingTtlMs;
  const clock = options.clock ?? realClock;
  const listeners = new Set<(code: PairingCode) => void>();
  let code: PairingCode;
  let wrongPins = 0;
  let timer: unknown;

  function rotate(): void {
    clock.clearTimeout(timer);
    code = { token: randomBytes(16).toString('base64url'), pin: String(randomInt(0, 1_000_000)).padStart(6, '0'), expiresAt: clock.now() + ttl };
    wrongPins = 0;
    const handle = clock.setTimeout(rotate, ttl);
    if (typeof handle === 'object' && handle.unref) handle.unref();
    timer = handle;
    for (const listener of listeners) listener(code);
  }
  rotate();

  function rotatePin(): void {
    code = { ...code, pin: String(randomInt(0, 1_000_000)).padStart(6, '0') };
    wrongPins = 0;
    for (const listener of listeners) listener(code);
  }

  const live = (): boolean => clock.now() < code.expiresAt;
  return {
    current: () => code,
    useToken(token) {
      if (!live() || !equal(token, code.token)) return false;
      rotate();
      return true;
    },
    usePin(pin) {
      if (live() && equal(pin, code.pin)) {
        rotate();
        return true;
      }
      if (++wrongPins >= PIN_LOCKOUT.globalFailuresBeforeRotate) rotatePin();
      return false;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      clock.clearTimeout(timer);
      listeners.clear();
    },
  };
}

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
