import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { PinHash } from '../../app/contract/kiosk-settings.js';

/**
 * The operator PIN, hashed with scrypt and a random salt (settings keep only
 * the hash). Minimal version for the operator menu; the settings work owns
 * this file and may replace it with the same two signatures.
 */
const KEY_BYTES = 32;

function derive(pin: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(pin, salt, KEY_BYTES, (error, key) => (error ? reject(error) : resolve(key))));
}

export async function hashOperatorPin(pin: string): Promise<PinHash> {
  const salt = randomBytes(16);
  return { algorithm: 'scrypt', salt: salt.toString('hex'), hash: (await derive(pin, salt)).toString('hex') };
}

/** False for a wrong PIN and when no PIN is set (null). */
export async function verifyOperatorPin(pin: string, hash: PinHash | null): Promise<boolean> {
  if (!hash) return false;
  const expected = Buffer.from(hash.hash, 'hex');
  const actual = await derive(pin, Buffer.from(hash.salt, 'hex'));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
