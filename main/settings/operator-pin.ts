import { randomBytes, randomInt, scrypt, timingSafeEqual } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PinHash } from '../../app/contract/kiosk-settings.js';
import type { HubLog } from '../hub/hub-log.js';
import { SettingsError, type SettingsStore } from './settings-store.js';

/**
 * The operator PIN: kept only as scrypt(PIN, random salt). A first start
 * without one makes a random PIN and leaves it in <stateDir>/operator-pin.txt
 * (readable by the PC's account only) for the staff who installed the kiosk;
 * setting a PIN removes that file. Anyone with the PC in hand may set a new
 * one (`kiosk operator-pin`): physical access is the recovery path.
 */
export const OPERATOR_PIN_FILE = 'operator-pin.txt';

/** 4 to 8 digits: typed on a touch screen by staff, behind a lockout against guessing. */
export function operatorPinProblem(pin: string): string | undefined {
  return /^\d{4,8}$/.test(pin) ? undefined : 'the operator PIN must be 4 to 8 digits (0-9), nothing else';
}

const KEY_BYTES = 32;

function scryptHex(pin: string, salt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    scrypt(pin, Buffer.from(salt, 'hex'), KEY_BYTES, (error, key) => (error ? reject(error) : resolve(key.toString('hex'))));
  });
}

export async function hashOperatorPin(pin: string): Promise<PinHash> {
  const problem = operatorPinProblem(pin);
  if (problem) throw new SettingsError(problem);
  const salt = randomBytes(16).toString('hex');
  return { algorithm: 'scrypt', salt, hash: await scryptHex(pin, salt) };
}

/** False for a wrong PIN and when no PIN is set (nothing can open the menu before the first start made one). */
export async function verifyOperatorPin(pin: string, hash: PinHash | null): Promise<boolean> {
  if (!hash || operatorPinProblem(pin)) return false;
  const candidate = Buffer.from(await scryptHex(pin, hash.salt), 'hex');
  const stored = Buffer.from(hash.hash, 'hex');
  return candidate.length === stored.length && timingSafeEqual(candidate, stored);
}

/** Six random digits (leading zeros kept). */
export function randomOperatorPin(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/** Saves the hash of `pin` (refused with a SettingsError when it is not 4 to 8 digits) and removes operator-pin.txt. */
export async function setOperatorPin(store: SettingsStore, stateDir: string | undefined, pin: string): Promise<void> {
  const operatorPin = await hashOperatorPin(pin);
  await store.update((current) => ({ ...current, operatorPin }));
  if (stateDir) await rm(path.join(stateDir, OPERATOR_PIN_FILE), { force: true });
}

/**
 * First start: no PIN yet, so make one. The clear PIN goes to
 * operator-pin.txt before its hash is saved; if the save fails the file goes
 * too, so the file never shows a PIN that does not work. Without a state
 * folder nothing lasts, so nothing is made (the menu stays locked).
 */
export async function ensureOperatorPin(store: SettingsStore, stateDir: string | undefined, log: HubLog): Promise<void> {
  if (store.get().operatorPin || !stateDir) return;
  const pin = randomOperatorPin();
  const file = path.join(stateDir, OPERATOR_PIN_FILE);
  const operatorPin = await hashOperatorPin(pin);
  // A file left from an earlier start is replaced, not reused: 'wx' creates it anew with the private mode.
  await rm(file, { force: true });
  await writeFile(file, `${pin}\nThe kiosk's operator PIN, made at its first start. Change it in the operator menu (this file is then removed), or set a new one with: kiosk operator-pin --state-dir ${stateDir}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await store.update((current) => ({ ...current, operatorPin }));
  } catch (error) {
    await rm(file, { force: true });
    throw error;
  }
  log.info(`no operator PIN was set: made one, written to ${file}`, { file });
}
