import type { ExhibitLanguage } from '../../app/contract/exhibit-language.js';
import type { ExhibitSettings } from '../../app/contract/exhibit-settings.js';
import type { KioskSettings } from '../../app/contract/kiosk-settings.js';
import { isOpen, nextOpeningChange } from '../../app/kiosk/opening-hours.js';
import type { SettingsStore } from '../settings/settings-store.js';

export interface ExhibitSettingsFeedDeps {
  readonly settings: SettingsStore;
  /** Sends to every display. */
  readonly broadcast: (message: ExhibitSettings) => void;
  /** The language at start: a --language flag wins over the setting there. */
  readonly language: ExhibitLanguage;
  /** Told when an operator changes the exhibit's language (the pens follow). */
  readonly onLanguage?: (language: ExhibitLanguage) => void;
  readonly now?: () => Date;
}

export interface ExhibitSettingsFeed {
  /** What a display gets after its welcome. */
  message(): ExhibitSettings;
  /** The exhibit's language now. */
  language(): ExhibitLanguage;
  dispose(): void;
}

/** Timers may fire a hair early: the check runs this long after the change, and re-arms if it came too soon. */
const AFTER_CHANGE_MS = 250;

/**
 * The display's share of the settings (app/contract/exhibit-settings.ts),
 * sent on every saved change and whenever the opening hours open or close
 * the exhibit (one timer to the next change, unref'd so it never holds the
 * process open). A language changed in the settings goes live at once, even
 * where a --language flag chose the language at start: it is the newer word.
 */
export function setupExhibitSettingsFeed(deps: ExhibitSettingsFeedDeps): ExhibitSettingsFeed {
  const now = deps.now ?? (() => new Date());
  let settings = deps.settings.get();
  let language = deps.language;
  let timer: NodeJS.Timeout | undefined;
  let lastOpen = isOpen(now(), settings.openingHours);

  const message = (): ExhibitSettings => {
    const at = now();
    const next = nextOpeningChange(at, settings.openingHours);
    return { type: 'exhibit-settings', language, idleTimeoutS: settings.idleTimeoutS, attractScenes: settings.attractScenes, open: isOpen(at, settings.openingHours), nextChangeAt: next ? next.getTime() : null };
  };

  const arm = (): void => {
    clearTimeout(timer);
    timer = undefined;
    const next = nextOpeningChange(now(), settings.openingHours);
    if (!next) return;
    timer = setTimeout(() => {
      const current = message();
      if (current.open !== lastOpen) {
        lastOpen = current.open;
        deps.broadcast(current);
      }
      arm();
    }, Math.max(0, next.getTime() - now().getTime()) + AFTER_CHANGE_MS);
    timer.unref();
  };

  const unsubscribe = deps.settings.onChange((next: KioskSettings) => {
    if (next.language !== settings.language) {
      language = next.language;
      deps.onLanguage?.(language);
    }
    settings = next;
    const current = message();
    lastOpen = current.open;
    deps.broadcast(current);
    arm();
  });
  arm();

  return {
    message,
    language: () => language,
    dispose: () => {
      unsubscribe();
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
