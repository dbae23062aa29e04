import { defaultKioskSettings, kioskSettingsSchema, type KioskSettings } from '../../app/contract/kiosk-settings.js';

/**
 * The exhibit's settings as the rest of the main process sees them: the
 * current value (always valid: checked against app/contract/kiosk-settings.ts),
 * changes that are validated and saved before they take effect, and who to
 * tell. open-settings-store.ts keeps them in a file with conf; without a state
 * folder (tests, `kiosk serve`) they live in memory only.
 */
export interface SettingsStore {
  /** Set when the settings file could not be used at start: what was wrong and what was used instead (shown to the operator). */
  readonly problem: string | undefined;
  get(): KioskSettings;
  /**
   * Applies `change` to the current settings, validates the result and saves
   * it; listeners hear of it only once it is saved. Rejects with a
   * SettingsError naming the field when the result is invalid, or when it
   * could not be saved; the settings in use (and on disk) stay as they were.
   */
  update(change: (current: KioskSettings) => unknown): Promise<KioskSettings>;
  /** Called after every saved change; returns the unsubscribe function. */
  onChange(listener: (settings: KioskSettings) => void): () => void;
  /** Resolves once every write has landed (tests, shutdown). */
  flush(): Promise<void>;
}

export class SettingsError extends Error {
  override readonly name = 'SettingsError';
}

/** "updates.feedUrl: Invalid URL; idleTimeoutS: ..." from a failed parse. */
export function settingsProblemOf(value: unknown): string | undefined {
  const parsed = kioskSettingsSchema.safeParse(value);
  if (parsed.success) return undefined;
  return parsed.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(settings)'}: ${issue.message}`)
    .join('; ');
}

/** Settings held in memory only (no state folder): same rules, nothing written. */
export function createMemorySettingsStore(initial: KioskSettings = defaultKioskSettings()): SettingsStore {
  let current = initial;
  const listeners = new Set<(settings: KioskSettings) => void>();
  return {
    problem: undefined,
    get: () => current,
    update: async (change) => {
      const next = change(structuredClone(current));
      const parsed = kioskSettingsSchema.safeParse(next);
      if (!parsed.success) throw new SettingsError(`settings not changed: ${settingsProblemOf(next)}`);
      current = parsed.data;
      for (const listener of listeners) listener(current);
      return current;
    },
    onChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    flush: async () => {},
  };
}
