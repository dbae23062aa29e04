import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Conf from 'conf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultKioskSettings, type KioskSettings } from '../../../../app/contract/kiosk-settings.js';
import type { HubLog } from '../../../../main/hub/hub-log.js';
import { LAST_GOOD_FILE, openSettingsStore, SETTINGS_FILE } from '../../../../main/settings/open-settings-store.js';
import { SettingsError } from '../../../../main/settings/settings-store.js';

let dir: string;
let logged: string[];
const log: HubLog = {
  info: (m) => logged.push(`info ${m}`),
  warn: (m) => logged.push(`warn ${m}`),
  error: (m, f) => logged.push(`error ${m} ${JSON.stringify(f)}`),
};
const settingsFile = (): string => path.join(dir, SETTINGS_FILE);
const lastGoodFile = (): string => path.join(dir, LAST_GOOD_FILE);
const onDisk = async (file = settingsFile()): Promise<KioskSettings> => JSON.parse(await readFile(file, 'utf8')) as KioskSettings;
const brokenFiles = async (stem = 'settings.broken-'): Promise<string[]> => (await readdir(dir)).filter((f) => f.startsWith(stem));

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kiosk-settings-'));
  logged = [];
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A state folder whose settings were saved once with idleTimeoutS 120 (so the last good copy holds 120). */
async function savedOnce(): Promise<void> {
  const store = await openSettingsStore(dir, log);
  await store.update((s) => ({ ...s, idleTimeoutS: 120 }));
  await store.flush();
}

describe('openSettingsStore: start', () => {
  it('without a state folder keeps the settings in memory', async () => {
    const store = await openSettingsStore(undefined, log);
    expect(store.get()).toEqual(defaultKioskSettings());
    await store.update((s) => ({ ...s, language: 'de' }));
    expect(store.get().language).toBe('de');
  });

  it('a first start writes the defaults and their last good copy', async () => {
    const store = await openSettingsStore(dir, log);
    expect(store.problem).toBeUndefined();
    expect(store.get()).toEqual(defaultKioskSettings());
    expect(await onDisk()).toEqual(defaultKioskSettings());
    expect(await onDisk(lastGoodFile())).toEqual(defaultKioskSettings());
    expect(logged.join('\n')).toMatch(/no settings file yet/);
  });

  it('keeps saved settings across a restart', async () => {
    await savedOnce();
    const again = await openSettingsStore(dir, log);
    expect(again.problem).toBeUndefined();
    expect(again.get().idleTimeoutS).toBe(120);
    expect((await onDisk(lastGoodFile())).idleTimeoutS).toBe(120);
  });

  it('accepts a hand edit that leaves fields out (or has a BOM) and writes every field back', async () => {
    await writeFile(settingsFile(), '\uFEFF{ "language": "de" }');
    const store = await openSettingsStore(dir, log);
    expect(store.problem).toBeUndefined();
    expect(store.get()).toEqual({ ...defaultKioskSettings(), language: 'de' });
    expect(await onDisk()).toEqual({ ...defaultKioskSettings(), language: 'de' });
    expect(await brokenFiles()).toEqual([]);
  });
});

const invalidDays = JSON.stringify({ openingHours: { enabled: true, days: [{ open: '25:00', close: '18:00' }, null, null, null, null, null, null] } });

describe('openSettingsStore: a bad settings.json is moved aside, never lost', () => {
  it.each([
    ['unreadable JSON', '{ "idleTimeoutS": 30,', /settings\.json is not valid JSON/],
    ['the wrong shape', '[1, 2, 3]', /settings\.json has no settings in it \(.*expected object/],
    ['a hand-edited invalid value', '{ "idleTimeoutS": 5 }', /settings\.json has an invalid value: idleTimeoutS: .*10/],
    ['an invalid nested value', invalidDays, /invalid value: openingHours\.days\.0\.open: a time of day as HH:MM/],
    ['an unknown key', '{ "idleTimeoutS": 60, "colour": "red" }', /settings\.json has an unknown key "colour"/],
    ['an unknown nested key', '{ "updates": { "channel": "beta", "evil": 1 } }', /unknown key "updates\.evil"/],
    ['a __proto__ key', '{ "__proto__": { "polluted": true } }', /settings\.json has a "__proto__" key/],
    ['a nested __proto__ key', '{ "openingHours": { "__proto__": { "enabled": true } } }', /"__proto__" key/],
    ['a huge file', `{ "language": "en" ${' '.repeat(300 * 1024)}}`, /settings\.json is 301 KiB, more than a settings file can be \(256 KiB\)/],
  ])('%s: the last good copy takes over and the operator is told', async (_name, text, reason) => {
    await savedOnce();
    await writeFile(settingsFile(), text);
    const store = await openSettingsStore(dir, log);
    expect(store.get().idleTimeoutS).toBe(120);
    expect(store.problem).toMatch(reason);
    expect(store.problem).toMatch(/moved to settings\.broken-.*\.json; using the last good settings \(settings\.last-good\.json\)$/);
    expect(store.problem).not.toMatch(/\n/);
    const [broken] = await brokenFiles();
    expect(broken).toBeDefined();
    expect(store.problem).toContain(broken);
    expect(await readFile(path.join(dir, broken!), 'utf8')).toBe(text);
    // settings.json is a valid file again, holding what is in use.
    expect((await onDisk()).idleTimeoutS).toBe(120);
    expect(logged.join('\n')).toMatch(/error settings file unusable/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a folder where settings.json should be', async () => {
    await savedOnce();
    await rm(settingsFile());
    await mkdir(path.join(settingsFile(), 'inside'), { recursive: true });
    const store = await openSettingsStore(dir, log);
    expect(store.problem).toMatch(/^settings\.json is a folder, not a file; moved to settings\.broken-/);
    expect(store.get().idleTimeoutS).toBe(120);
    const [broken] = await brokenFiles();
    expect((await stat(path.join(dir, broken!, 'inside'))).isDirectory()).toBe(true);
    expect((await stat(settingsFile())).isFile()).toBe(true);
  });

  it('a symbolic link where settings.json should be is not followed', async () => {
    await savedOnce();
    const elsewhere = path.join(dir, 'elsewhere.json');
    await writeFile(elsewhere, JSON.stringify({ idleTimeoutS: 999 }));
    await rm(settingsFile());
    await symlink(elsewhere, settingsFile());
    const store = await openSettingsStore(dir, log);
    expect(store.problem).toMatch(/^settings\.json is a symbolic link, not a file; moved to/);
    expect(store.get().idleTimeoutS).toBe(120);
    // The link's target is untouched.
    expect(JSON.parse(await readFile(elsewhere, 'utf8'))).toEqual({ idleTimeoutS: 999 });
  });

  it('without a last good copy, the defaults take over', async () => {
    await writeFile(settingsFile(), '{ "language": "fr" }');
    const store = await openSettingsStore(dir, log);
    expect(store.problem).toMatch(/^settings\.json has an invalid value: language: .*; moved to settings\.broken-.*\.json; using the defaults$/);
    expect(store.get()).toEqual(defaultKioskSettings());
    expect(await onDisk(lastGoodFile())).toEqual(defaultKioskSettings());
  });

  it('both files bad: the defaults, and both bad files kept', async () => {
    await savedOnce();
    await writeFile(settingsFile(), 'not json');
    await writeFile(lastGoodFile(), '{ "idleTimeoutS": "long" }');
    const store = await openSettingsStore(dir, log);
    expect(store.get()).toEqual(defaultKioskSettings());
    expect(store.problem).toMatch(/using the defaults \(settings\.last-good\.json has an invalid value: idleTimeoutS: .*; moved to settings\.last-good\.broken-.*\.json\)$/);
    const [lastGoodAside] = await brokenFiles('settings.last-good.broken-');
    expect(await readFile(path.join(dir, lastGoodAside!), 'utf8')).toBe('{ "idleTimeoutS": "long" }');
    const [aside] = await brokenFiles();
    expect(await readFile(path.join(dir, aside!), 'utf8')).toBe('not json');
    // The new last good copy is valid again.
    expect(await onDisk(lastGoodFile())).toEqual(defaultKioskSettings());
  });
});

describe('openSettingsStore: changes', () => {
  it('saves before telling listeners, and a listener sees the file already written', async () => {
    const store = await openSettingsStore(dir, log);
    const seen: number[] = [];
    const onFile: number[] = [];
    store.onChange((s) => {
      seen.push(s.idleTimeoutS);
      // Read synchronously at the moment of the call: the change is on disk by then.
      onFile.push((JSON.parse(readFileSync(settingsFile(), 'utf8')) as KioskSettings).idleTimeoutS);
    });
    await store.update((s) => ({ ...s, idleTimeoutS: 90 }));
    expect(seen).toEqual([90]);
    expect(onFile).toEqual([90]);
    expect((await onDisk(lastGoodFile())).idleTimeoutS).toBe(90);
  });

  it('refuses an invalid change naming the field, and changes nothing', async () => {
    const store = await openSettingsStore(dir, log);
    let calls = 0;
    store.onChange(() => calls++);
    await expect(store.update((s) => ({ ...s, idleTimeoutS: 1 }))).rejects.toThrow(SettingsError);
    await expect(store.update((s) => ({ ...s, attractScenes: ['nope'] }))).rejects.toThrow(/attractScenes\.0/);
    expect(calls).toBe(0);
    expect(store.get()).toEqual(defaultKioskSettings());
    expect(await onDisk()).toEqual(defaultKioskSettings());
  });

  it('a failed save rejects with SettingsError and leaves the settings in use and the last good copy unchanged', async () => {
    const store = await openSettingsStore(dir, log);
    let calls = 0;
    store.onChange(() => calls++);
    // Tests run as root here, so a read-only folder would not stop the write: a folder put in the file's
    // place just before the write (from inside the change, after the store has looked at the file) does.
    const failed = store.update((s) => {
      rmSync(settingsFile());
      mkdirSync(path.join(settingsFile(), 'keep'), { recursive: true });
      writeFileSync(path.join(settingsFile(), 'keep', 'note.txt'), 'mine');
      return { ...s, language: 'de' };
    });
    await expect(failed).rejects.toThrow(SettingsError);
    await expect(failed).rejects.toThrow(/settings not changed: could not save .*settings\.json/);
    expect(store.get().language).toBe('en');
    expect(calls).toBe(0);
    expect(await readFile(path.join(settingsFile(), 'keep', 'note.txt'), 'utf8')).toBe('mine');
    expect((await onDisk(lastGoodFile())).language).toBe('en');
    // No temporary file left behind.
    expect((await readdir(dir)).filter((f) => f.includes('tmp'))).toEqual([]);
    // The next change finds the folder, keeps it aside, and is saved.
    await store.update((s) => ({ ...s, language: 'de' }));
    expect((await onDisk()).language).toBe('de');
    expect(calls).toBe(1);
    const [aside] = await brokenFiles();
    expect(await readFile(path.join(dir, aside!, 'keep', 'note.txt'), 'utf8')).toBe('mine');
  });

  it('a change made to the file by someone else while it runs (kiosk operator-pin) is built on, not written over', async () => {
    const kiosk = await openSettingsStore(dir, log);
    const cli = await openSettingsStore(dir, log);
    await cli.update((s) => ({ ...s, language: 'de' }));
    await kiosk.update((s) => ({ ...s, idleTimeoutS: 200 }));
    expect(kiosk.get()).toMatchObject({ language: 'de', idleTimeoutS: 200 });
    expect(await onDisk()).toMatchObject({ language: 'de', idleTimeoutS: 200 });
    expect(logged.join('\n')).toMatch(/changed outside the kiosk/);
  });

  it('a bad hand edit made while it runs is moved aside before the next save, never overwritten', async () => {
    const store = await openSettingsStore(dir, log);
    await writeFile(settingsFile(), '{ "idleTimeoutS": 3 }');
    await store.update((s) => ({ ...s, idleTimeoutS: 100 }));
    const [aside] = await brokenFiles();
    expect(await readFile(path.join(dir, aside!), 'utf8')).toBe('{ "idleTimeoutS": 3 }');
    expect((await onDisk()).idleTimeoutS).toBe(100);
  });

  it('saves concurrent updates one at a time, each on top of the one before', async () => {
    const store = await openSettingsStore(dir, log);
    const heard: number[] = [];
    store.onChange((s) => heard.push(s.idleTimeoutS));
    await Promise.all(Array.from({ length: 20 }, () => store.update((s) => ({ ...s, idleTimeoutS: s.idleTimeoutS + 1 }))));
    await store.flush();
    expect(store.get().idleTimeoutS).toBe(65);
    expect(heard).toEqual(Array.from({ length: 20 }, (_, i) => 46 + i));
    expect((await onDisk()).idleTimeoutS).toBe(65);
    expect((await onDisk(lastGoodFile())).idleTimeoutS).toBe(65);
    const again = await openSettingsStore(dir, log);
    expect(again.get().idleTimeoutS).toBe(65);
  });

  it('a change function that throws rejects and does not block the next update', async () => {
    const store = await openSettingsStore(dir, log);
    await expect(store.update(() => {
      throw new Error('boom');
    })).rejects.toThrow('boom');
    await store.update((s) => ({ ...s, language: 'de' }));
    expect(store.get().language).toBe('de');
  });
});

describe('conf itself on an invalid file (why the store checks first)', () => {
  it('throws rather than wiping it (clearInvalidConfig defaults to false)', async () => {
    await writeFile(settingsFile(), '{ broken');
    expect(() => new Conf({ cwd: dir, configName: 'settings' })).toThrow(SyntaxError);
    expect(await readFile(settingsFile(), 'utf8')).toBe('{ broken');
  });

  it('with clearInvalidConfig it would silently start empty: the store never sets it', async () => {
    await writeFile(settingsFile(), '{ broken');
    const conf = new Conf({ cwd: dir, configName: 'settings', clearInvalidConfig: true });
    expect(conf.store).toEqual({});
  });
});
