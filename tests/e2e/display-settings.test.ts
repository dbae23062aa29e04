import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { defaultKioskSettings } from '../../app/contract/kiosk-settings.js';
import { silentLog } from '../../main/hub/hub-log.js';
import { startHub, type RunningHub } from '../../main/hub/start-hub.js';
import { createMemorySettingsStore, type SettingsStore } from '../../main/settings/settings-store.js';
import { REFERENCE_MANIFEST } from '../helpers/fixtures.js';
import { SYNTHETIC_DIGITS } from '../support/synthetic-digits.js';
import { launchChromium, openPage } from './support/chromium.js';
import { displayReady, WAIT, withQuery } from './support/display-session.js';
import { drawWithMouse, sparse } from './support/draw.js';
import type { PageGlobals } from './support/page-globals.js';

// The exhibit's settings on the real display page: a real hub whose settings
// store says the exhibit is closed all week, in Debian's Chromium. The page
// dims, attract mode rests, a visitor's drawing still gets its answer; an
// operator's change (open again, idle timeout, scenes, language) reaches
// the page at once.
let hub: RunningHub;
let settings: SettingsStore;
let browser: Browser;
let page: Page;
let errors: string[];

const closedAllWeek = { enabled: true, days: Array.from({ length: 7 }, () => null) };

beforeAll(async () => {
  settings = createMemorySettingsStore({ ...defaultKioskSettings(), openingHours: closedAllWeek });
  hub = await startHub({ port: 0, log: silentLog, modelPath: REFERENCE_MANIFEST, services: { settings } });
  browser = await launchChromium();
  ({ page, errors } = await openPage(browser));
  // A short idle timeout: attract mode would start within a second, were it not closed.
  await page.goto(withQuery(hub.displayUrl, 'idle=400&scene=4000'), { timeout: 120_000 });
  await displayReady(page);
  await page.waitForFunction(() => (globalThis as unknown as PageGlobals).__kiosk?.exhibit?.settings() !== undefined, null, WAIT);
});
afterAll(async () => {
  await browser?.close();
  await hub?.close();
});
afterEach(() => {
  expect(errors).toEqual([]);
});

const exhibit = () => page.evaluate(() => {
  const k = (globalThis as unknown as PageGlobals).__kiosk!;
  return { closed: k.exhibit!.closed(), dimmed: k.exhibit!.dimmed(), settings: k.exhibit!.settings(), attract: k.attract!.state(), starts: k.attract!.starts(), skips: k.attract!.pausedSkips(), idleMs: k.attract!.idleMs(), scenes: k.attract!.sceneList(), language: k.language };
});

describe('outside the opening hours', () => {
  it('the page is dimmed with a calm "closed" line, and attract mode does not start', async () => {
    expect(await exhibit()).toMatchObject({ closed: true, dimmed: true, settings: { open: false, nextChangeAt: null } });
    expect(await page.locator('#closed').isVisible()).toBe(true);
    expect(await page.locator('#closed .closed-line').textContent()).toBe('Closed for now. See you soon!');
    // (A 400 ms idle timeout may have run out before the hub's word arrived: that start ended when it came.)
    const before = await exhibit();
    expect(before.attract).toBe('live');
    // The idle timer comes round several times and holds back each time.
    await page.waitForFunction((n) => ((globalThis as unknown as PageGlobals).__kiosk?.attract?.pausedSkips() ?? 0) >= n + 3, before.skips, WAIT);
    expect(await exhibit()).toMatchObject({ attract: 'live', starts: before.starts });
  });

  it('a visitor (or staff walking by) still draws and gets the answer; the veil returns when they leave', async () => {
    const { starts } = await exhibit();
    const frames = await page.evaluate(() => (globalThis as unknown as PageGlobals).__kiosk!.frames);
    await drawWithMouse(page, '#pad', sparse(SYNTHETIC_DIGITS[7]!, 6));
    expect((await exhibit()).dimmed).toBe(false);
    await page.waitForFunction((n) => {
      const k = (globalThis as unknown as PageGlobals).__kiosk!;
      return k.frames > n && k.lastFrame?.empty === false;
    }, frames, WAIT);
    await page.click('#clear');
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).__kiosk?.exhibit?.dimmed() === true, null, WAIT);
    expect(await exhibit()).toMatchObject({ attract: 'live', starts });
  });

  it('the closed line speaks the exhibit language the operator sets', async () => {
    await settings.update((s) => ({ ...s, language: 'de' }));
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).__kiosk?.language === 'de', null, WAIT);
    expect(await page.locator('#closed .closed-line').textContent()).toBe('Gerade geschlossen. Bis bald!');
    await settings.update((s) => ({ ...s, language: 'en' }));
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).__kiosk?.language === 'en', null, WAIT);
  });
});

describe('open again', () => {
  it('the veil lifts and attract mode starts after the idle timeout, with the scenes the operator chose', async () => {
    await settings.update((s) => ({ ...s, attractScenes: ['cta'], openingHours: { ...s.openingHours, enabled: false } }));
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).__kiosk?.attract?.state() === 'attract', null, WAIT).catch(async (error: unknown) => {
      throw new Error(`attract mode did not start: ${JSON.stringify(await exhibit())}`, { cause: error });
    });
    const now = await exhibit();
    expect(now).toMatchObject({ closed: false, dimmed: false, scenes: ['cta'], settings: { open: true, attractScenes: ['cta'] } });
    expect(await page.locator('#closed').isVisible()).toBe(false);
    await page.mouse.move(10, 10);
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).__kiosk?.attract?.state() === 'live', null, WAIT);
  });
});

describe('idle timeout', () => {
  it('an update to idleTimeoutS reaches a page that has no ?idle= of its own', async () => {
    const other = await openPage(browser);
    try {
      await other.page.goto(hub.displayUrl, { timeout: 120_000 });
      await other.page.waitForFunction(() => (globalThis as unknown as PageGlobals).__kiosk?.exhibit?.settings() !== undefined, null, WAIT);
      expect(await other.page.evaluate(() => (globalThis as unknown as PageGlobals).__kiosk!.attract!.idleMs())).toBe(45_000);
      await settings.update((s) => ({ ...s, idleTimeoutS: 90 }));
      await other.page.waitForFunction(() => (globalThis as unknown as PageGlobals).__kiosk?.attract?.idleMs() === 90_000, null, WAIT);
      expect(await other.page.evaluate(() => (globalThis as unknown as PageGlobals).__kiosk!.exhibit!.settings()!.idleTimeoutS)).toBe(90);
      // The page with ?idle= keeps its own.
      expect((await exhibit()).idleMs).toBe(400);
      expect(other.errors).toEqual([]);
    } finally {
      await other.context.close();
    }
  });
});
