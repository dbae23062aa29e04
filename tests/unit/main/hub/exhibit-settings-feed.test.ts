import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExhibitSettings } from '../../../../app/contract/exhibit-settings.js';
import { defaultKioskSettings } from '../../../../app/contract/kiosk-settings.js';
import { setupExhibitSettingsFeed } from '../../../../main/hub/exhibit-settings-feed.js';
import { createMemorySettingsStore } from '../../../../main/settings/settings-store.js';

// A fake clock (vitest's timers and Date): the feed's timer to the next opening or closing.
beforeEach(() => {
  vi.useFakeTimers();
  // Monday 16 November 2026, 08:59 local time.
  vi.setSystemTime(new Date(2026, 10, 16, 8, 59));
});
afterEach(() => {
  vi.useRealTimers();
});

const weekdays = { enabled: true, days: [null, ...Array.from({ length: 5 }, () => ({ open: '09:00', close: '17:00' })), null] };

describe('setupExhibitSettingsFeed', () => {
  it('re-sends when the exhibit opens and closes, and only then', () => {
    const settings = createMemorySettingsStore({ ...defaultKioskSettings(), openingHours: weekdays });
    const sent: ExhibitSettings[] = [];
    const feed = setupExhibitSettingsFeed({ settings, language: 'en', broadcast: (m) => sent.push(m) });
    expect(feed.message()).toMatchObject({ open: false, nextChangeAt: new Date(2026, 10, 16, 9, 0).getTime() });
    vi.advanceTimersByTime(30_000);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(31_000);
    expect(sent.map((m) => m.open)).toEqual([true]);
    expect(sent[0]?.nextChangeAt).toBe(new Date(2026, 10, 16, 17, 0).getTime());
    vi.advanceTimersByTime(8 * 3600_000);
    expect(sent.map((m) => m.open)).toEqual([true, false]);
    feed.dispose();
    const count = sent.length;
    vi.advanceTimersByTime(7 * 24 * 3600_000);
    expect(sent.length).toBe(count);
  });

  it('sends every saved change, and an operator language change goes live even over the start flag', async () => {
    const settings = createMemorySettingsStore();
    const sent: ExhibitSettings[] = [];
    const languages: string[] = [];
    const feed = setupExhibitSettingsFeed({ settings, language: 'de', broadcast: (m) => sent.push(m), onLanguage: (l) => languages.push(l) });
    expect(feed.language()).toBe('de');
    await settings.update((s) => ({ ...s, idleTimeoutS: 120 }));
    // The setting did not change the language: the flag's stays.
    expect(sent.at(-1)).toMatchObject({ idleTimeoutS: 120, language: 'de' });
    await settings.update((s) => ({ ...s, language: 'de' }));
    await settings.update((s) => ({ ...s, language: 'en' }));
    expect(languages).toEqual(['de', 'en']);
    expect(feed.language()).toBe('en');
    expect(sent.at(-1)).toMatchObject({ language: 'en' });
    feed.dispose();
  });

  it('with opening hours disabled, no timer is left running', () => {
    const feed = setupExhibitSettingsFeed({ settings: createMemorySettingsStore(), language: 'en', broadcast: () => {} });
    expect(vi.getTimerCount()).toBe(0);
    expect(feed.message()).toMatchObject({ open: true, nextChangeAt: null });
    feed.dispose();
  });
});
