import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KioskSettings } from '../../../../app/contract/kiosk-settings.js';
import { parseOperatorPinArgs } from '../../../../main/cli/operator-pin-command.js';
import { verifyOperatorPin } from '../../../../main/settings/operator-pin.js';
import { runKiosk } from '../../../helpers/run-kiosk.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kiosk-pin-cli-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});
const saved = async (): Promise<KioskSettings> => JSON.parse(await readFile(path.join(dir, 'settings.json'), 'utf8')) as KioskSettings;

describe('parseOperatorPinArgs', () => {
  it('reads the options', () => {
    expect(parseOperatorPinArgs(['--state-dir', 's', '--pin', '1234'])).toEqual({ stateDir: 's', pin: '1234' });
    expect(parseOperatorPinArgs(['--state-dir', 's'])).toEqual({ stateDir: 's' });
  });

  it.each([
    [[], /--state-dir DIR is required/],
    [['--state-dir', 's', '--pin', '12'], /--pin refused: the operator PIN must be 4 to 8 digits/],
    [['--state-dir', 's', '--pin', 'abcd'], /4 to 8 digits/],
    [['--state-dir', 's', 'extra'], /unexpected argument "extra"/],
    [['--state-dir', 's', '--colour'], /^operator-pin: Unknown option '--colour'/],
  ])('refuses %j', (args, message) => {
    expect(() => parseOperatorPinArgs(args)).toThrow(message);
  });
});

describe('kiosk operator-pin (a real process)', () => {
  it('sets the given PIN, removes operator-pin.txt and prints no PIN', async () => {
    await writeFile(path.join(dir, 'operator-pin.txt'), '123456\nold');
    const run = await runKiosk(['operator-pin', '--state-dir', dir, '--pin', '86420']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/operator PIN set in .*settings\.json; a kiosk running now uses it after its next restart/);
    expect(await verifyOperatorPin('86420', (await saved()).operatorPin)).toBe(true);
    await expect(stat(path.join(dir, 'operator-pin.txt'))).rejects.toThrow(/ENOENT/);
  });

  it('without --pin makes one, prints it, and keeps the other settings', async () => {
    await writeFile(path.join(dir, 'settings.json'), JSON.stringify({ language: 'de', idleTimeoutS: 300 }));
    const run = await runKiosk(['operator-pin', '--state-dir', dir]);
    expect(run.code).toBe(0);
    const pin = /^new operator PIN: (\d{6})\n$/.exec(run.stdout)?.[1];
    expect(pin).toBeDefined();
    const settings = await saved();
    expect(await verifyOperatorPin(pin!, settings.operatorPin)).toBe(true);
    expect(settings).toMatchObject({ language: 'de', idleTimeoutS: 300 });
  });

  it('refuses a bad PIN with exit code 2 and changes nothing', async () => {
    const run = await runKiosk(['operator-pin', '--state-dir', dir, '--pin', '12']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('kiosk: operator-pin: --pin refused: the operator PIN must be 4 to 8 digits (0-9), nothing else\n');
    await expect(stat(path.join(dir, 'settings.json'))).rejects.toThrow(/ENOENT/);
  });

  it('refuses a folder that does not exist (a typo must not make a new one)', async () => {
    const missing = path.join(dir, 'nope');
    const run = await runKiosk(['operator-pin', '--state-dir', missing, '--pin', '1234']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`no such folder: ${missing}`);
    await expect(stat(missing)).rejects.toThrow(/ENOENT/);
  });

  it('says what was wrong with a broken settings file, and still sets the PIN', async () => {
    await writeFile(path.join(dir, 'settings.json'), '{ "idleTimeoutS": 2 }');
    const run = await runKiosk(['operator-pin', '--state-dir', dir, '--pin', '5555']);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/kiosk: settings\.json has an invalid value: idleTimeoutS: .*moved to settings\.broken-/);
    expect(await verifyOperatorPin('5555', (await saved()).operatorPin)).toBe(true);
  });

  it('is in the usage text', async () => {
    const run = await runKiosk(['--help']);
    expect(run.stdout).toContain('kiosk operator-pin --state-dir DIR [--pin NNNNNN]');
  });
});
