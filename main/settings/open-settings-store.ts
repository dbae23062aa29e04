import { rename } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type Conf from 'conf';
import { defaultKioskSettings, kioskSettingsSchema, type KioskSettings } from '../../app/contract/kiosk-settings.js';
import type { HubLog } from '../hub/hub-log.js';
import { createSerialQueue } from '../hub/serial-queue.js';
import { writeFileAtomic } from '../model/write-file-atomic.js';
import { loadConf } from './load-conf.js';
import { parseSettingsJson, readSettingsFile } from './read-settings-file.js';
import { createMemorySettingsStore, SettingsError, settingsProblemOf, type SettingsStore } from './settings-store.js';

export const SETTINGS_FILE = 'settings.json';
export const LAST_GOOD_FILE = 'settings.last-good.json';

const serialize = (settings: unknown): string => `${JSON.stringify(settings, null, 2)}\n`;

/**
 * The settings in <stateDir>/settings.json, kept with conf (atomic writes).
 * conf is only handed a file that readSettingsFile() has checked: conf
 * itself would throw on bad JSON (clearInvalidConfig is false, so it never
 * wipes one), but it would also follow a symbolic link, read a file of any
 * size, and knows nothing of the zod schema. A file that cannot be used is
 * never deleted or overwritten: it is moved aside as
 * settings.broken-<time>.json, and the last good copy (written after every
 * successful load and save) or else the defaults take over; `problem` tells
 * the operator which. Without a stateDir the settings live in memory.
 */
export async function openSettingsStore(stateDir: string | undefined, log: HubLog): Promise<SettingsStore> {
  if (!stateDir) return createMemorySettingsStore();
  const file = path.join(stateDir, SETTINGS_FILE);
  const lastGoodFile = path.join(stateDir, LAST_GOOD_FILE);
  const loaded = await loadSettings(stateDir, log);
  let problem = loaded.problem;

  // No defaults and no schema: conf writes what it is given and changes nothing on its own.
  let conf: Conf<KioskSettings> | undefined;
  let confProblem: string | undefined;
  if (loaded.fileSafe) {
    try {
      const ConfClass = await loadConf();
      conf = new ConfClass<KioskSettings>({ cwd: stateDir, configName: 'settings', clearInvalidConfig: false, accessPropertiesByDotNotation: false, configFileMode: 0o600, watch: false, serialize, deserialize: (text) => parseSettingsJson(text) as KioskSettings });
    } catch (error) {
      confProblem = `cannot open ${file}: ${(error as Error).message}`;
    }
  } else {
    confProblem = `${file} could not be moved aside, so changes cannot be saved`;
  }

  /** What this store last wrote to settings.json: anything else there was written by someone else. */
  let lastWritten: string | undefined;
  /** Writes settings.json (conf: temporary file, then rename), then the last good copy. Throws when settings.json was not written. */
  async function save(settings: KioskSettings): Promise<void> {
    if (!conf) throw new Error(confProblem ?? 'no settings file');
    conf.store = settings;
    lastWritten = serialize(settings);
    try {
      await writeFileAtomic(lastGoodFile, serialize(settings));
    } catch (error) {
      // settings.json holds the change; only the fallback copy is older.
      log.warn('could not write the last good settings copy', { file: lastGoodFile, error: String(error) });
    }
  }

  let current = loaded.settings;
  // The settings in use are written back: defaults on a first start, the fallback after a bad file, every field after a hand edit that left some out.
  try {
    if (loaded.rewrite) await save(current);
    else {
      lastWritten = serialize(current);
      await writeFileAtomic(lastGoodFile, lastWritten);
    }
  } catch (error) {
    const why = `cannot write ${file} (${(error as Error).message}); changes will not be saved`;
    problem = problem ? `${problem}; ${why}` : why;
    log.error('settings not saved', { file, error: String(error) });
  }

  /**
   * settings.json as someone else left it since this store wrote it
   * (`kiosk operator-pin` while the kiosk runs, a hand edit): a change is
   * built on that, the newer word, rather than writing over it. A bad edit
   * is moved aside first, so the save never destroys it.
   */
  async function outsideEdit(): Promise<KioskSettings | undefined> {
    if (!conf || lastWritten === undefined) return undefined;
    const read = await readSettingsFile(file);
    if (read.ok) {
      if (read.text === lastWritten) return undefined;
      log.info('settings.json was changed outside the kiosk: the change is made to that', { file });
      return read.settings;
    }
    if (read.missing) return undefined;
    const aside = await moveAside(file, 'settings.broken').catch(() => undefined);
    if (!aside) throw new SettingsError(`settings not changed: ${SETTINGS_FILE} ${read.reason} and could not be moved aside`);
    log.error('settings file unusable', { file, problem: `${SETTINGS_FILE} ${read.reason} (changed outside the kiosk); moved to ${path.basename(aside)}; the settings in use are kept` });
    return undefined;
  }

  const serial = createSerialQueue();
  let writes: Promise<unknown> = Promise.resolve();
  const listeners = new Set<(settings: KioskSettings) => void>();
  return {
    problem,
    get: () => current,
    update(change) {
      const done = serial(async () => {
        const next = change(structuredClone(await outsideEdit() ?? current));
        const parsed = kioskSettingsSchema.safeParse(next);
        if (!parsed.success) throw new SettingsError(`settings not changed: ${settingsProblemOf(next)}`);
        try {
          await save(parsed.data);
        } catch (error) {
          log.error('could not save settings', { file, error: String(error) });
          throw new SettingsError(`settings not changed: could not save ${file} (${(error as Error).message})`);
        }
        current = parsed.data;
        for (const listener of listeners) {
          try {
            listener(current);
          } catch (error) {
            log.error('settings listener failed', { error: String(error) });
          }
        }
        return current;
      });
      writes = done.catch(() => undefined);
      return done;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    flush: async () => {
      await writes;
    },
  };
}

interface Loaded {
  readonly settings: KioskSettings;
  readonly problem: string | undefined;
  /** settings.json must be written (it is missing, was moved aside, or lacks fields). */
  readonly rewrite: boolean;
  /** False when a bad settings.json is still in place (it could not be moved aside). */
  readonly fileSafe: boolean;
}

async function loadSettings(stateDir: string, log: HubLog): Promise<Loaded> {
  const file = path.join(stateDir, SETTINGS_FILE);
  const read = await readSettingsFile(file);
  if (read.ok) {
    // A hand edit that left fields out is valid (defaults fill them); the file is written out in full.
    return { settings: read.settings, problem: undefined, rewrite: read.text !== serialize(read.settings), fileSafe: true };
  }
  if (read.missing) {
    log.info('no settings file yet: starting with the defaults', { file });
    return { settings: defaultKioskSettings(), problem: undefined, rewrite: true, fileSafe: true };
  }

  let aside: string | undefined;
  let moveError: string | undefined;
  try {
    aside = await moveAside(file, 'settings.broken');
  } catch (error) {
    moveError = (error as Error).message;
  }
  const lastGoodFile = path.join(stateDir, LAST_GOOD_FILE);
  const backup = await readSettingsFile(lastGoodFile);
  let settings: KioskSettings;
  let used: string;
  if (backup.ok) {
    settings = backup.settings;
    used = `the last good settings (${LAST_GOOD_FILE})`;
  } else {
    settings = defaultKioskSettings();
    used = 'the defaults';
    if (!backup.missing) {
      const backupAside = await moveAside(lastGoodFile, 'settings.last-good.broken').catch(() => undefined);
      used += ` (${LAST_GOOD_FILE} ${backup.reason}${backupAside ? `; moved to ${path.basename(backupAside)}` : ''})`;
    }
  }
  const where = aside ? `moved to ${path.basename(aside)}` : `could not be moved aside (${moveError ?? 'unknown error'})`;
  const problem = `${SETTINGS_FILE} ${read.reason}; ${where}; using ${used}`;
  log.error('settings file unusable', { file, problem });
  return { settings, problem, rewrite: aside !== undefined, fileSafe: aside !== undefined };
}

/** Renames `file` to <stem>-<time>.json beside it (never over an existing file), and returns the new path. */
async function moveAside(file: string, stem: string): Promise<string> {
  const time = new Date().toISOString().replace(/[:.]/g, '-');
  for (let n = 0; ; n++) {
    const target = path.join(path.dirname(file), `${stem}-${time}${n ? `-${n}` : ''}.json`);
    if (existsSync(target)) continue;
    await rename(file, target);
    return target;
  }
}
