import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pinHashSchema } from '../../../../app/contract/kiosk-settings.js';
import { silentLog, type HubLog } from '../../../../main/hub/hub-log.js';
import { openSettingsStore } from '../../../../main/settings/open-settings-store.js';
import { ensureOperatorPin, hashOperatorPin, OPERATOR_PIN_FILE, operatorPinProblem, randomOperatorPin, setOperatorPin, verifyOperatorPin } from '../../../../main/settings/operator-pin.js';
import { createMemorySettingsStore, SettingsError } from '../../../../main/settings/settings-store.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kiosk-pin-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('operator PIN hashing', () => {
  it('hashes into the contract shape with a fresh salt each time, and verifies only the right PIN', async () => {
    const a = await hashOperatorPin('4711');
    const b = await hashOperatorPin('4711');
    expect(pinHashSchema.parse(a)).toEqual(a);
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
    expect(JSON.stringify(a)).not.toContain('4711');
    expect(await verifyOperatorPin('4711', a)).toBe(true);
    expect(await verifyOperatorPin('4711', b)).toBe(true);
    expect(await verifyOperatorPin('4712', a)).toBe(false);
    expect(await verifyOperatorPin('04711', a)).toBe(false);
    expect(await verifyOperatorPin('', a)).toBe(false);
    expect(await verifyOperatorPin('4711', null)).toBe(false);
  });

  it.each(['123', '123456789', '12a4', ' 1234', '1234 ', '١٢٣٤', '', '12.34'])('refuses %j with a clear rule', async (pin) => {
    expect(operatorPinProblem(pin)).toBe('the operator PIN must be 4 to 8 digits (0-9), nothing else');
    await expect(hashOperatorPin(pin)).rejects.toThrow(SettingsError);
  });

  it.each(['0000', '12345678', '000123'])('accepts %j', (pin) => {
    expect(operatorPinProblem(pin)).toBeUndefined();
  });

  it('random PINs are six digits', () => {
    for (let i = 0; i < 50; i++) expect(randomOperatorPin()).toMatch(/^\d{6}$/);
  });
});

describe('ensureOperatorPin', () => {
  it('on a first start makes a PIN, stores only its hash, and leaves the clear PIN in a private file', async () => {
    const logged: string[] = [];
    const log: HubLog = { ...silentLog, info: (m) => logged.push(m) };
    const store = await openSettingsStore(dir, log);
    await ensureOperatorPin(store, dir, log);
    const file = path.join(dir, OPERATOR_PIN_FILE);
    const text = await readFile(file, 'utf8');
    const pin = text.split('\n')[0]!;
    expect(pin).toMatch(/^\d{6}$/);
    expect(text.split('\n')[1]).toMatch(/operator PIN.*kiosk operator-pin --state-dir/);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await verifyOperatorPin(pin, store.get().operatorPin)).toBe(true);
    expect(await readFile(path.join(dir, 'settings.json'), 'utf8')).not.toContain(pin);
    expect(logged.join('\n')).toContain(file);
    // A second start keeps the PIN and the file.
    const hash = store.get().operatorPin;
    await ensureOperatorPin(await openSettingsStore(dir, log), dir, log);
    expect((await openSettingsStore(dir, log)).get().operatorPin).toEqual(hash);
    expect(await readFile(file, 'utf8')).toBe(text);
  });

  it('does nothing without a state folder (nothing would last)', async () => {
    const store = createMemorySettingsStore();
    await ensureOperatorPin(store, undefined, silentLog);
    expect(store.get().operatorPin).toBeNull();
  });

  it('removes the file again when the hash could not be saved', async () => {
    const store = createMemorySettingsStore();
    const failing = { ...store, update: () => Promise.reject(new SettingsError('settings not changed: disk full')) };
    await expect(ensureOperatorPin(failing, dir, silentLog)).rejects.toThrow(/disk full/);
    await expect(stat(path.join(dir, OPERATOR_PIN_FILE))).rejects.toThrow(/ENOENT/);
  });
});

describe('setOperatorPin', () => {
  it('replaces the PIN and removes operator-pin.txt', async () => {
    const store = await openSettingsStore(dir, silentLog);
    await ensureOperatorPin(store, dir, silentLog);
    const old = (await readFile(path.join(dir, OPERATOR_PIN_FILE), 'utf8')).split('\n')[0]!;
    await setOperatorPin(store, dir, '2468');
    expect(await verifyOperatorPin('2468', store.get().operatorPin)).toBe(true);
    expect(await verifyOperatorPin(old, store.get().operatorPin)).toBe(false);
    await expect(stat(path.join(dir, OPERATOR_PIN_FILE))).rejects.toThrow(/ENOENT/);
    expect(await verifyOperatorPin('2468', (await openSettingsStore(dir, silentLog)).get().operatorPin)).toBe(true);
  });

  it('refuses a PIN that breaks the rule and keeps the old one (and its file)', async () => {
    const store = await openSettingsStore(dir, silentLog);
    await setOperatorPin(store, dir, '1357');
    await writeFile(path.join(dir, OPERATOR_PIN_FILE), 'kept');
    await expect(setOperatorPin(store, dir, '12')).rejects.toThrow(/4 to 8 digits/);
    expect(await verifyOperatorPin('1357', store.get().operatorPin)).toBe(true);
    expect(await readFile(path.join(dir, OPERATOR_PIN_FILE), 'utf8')).toBe('kept');
  });
});
