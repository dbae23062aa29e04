import type { FrameLocator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { defaultKioskSettings } from '../../app/contract/kiosk-settings.js';
import { hashOperatorPin } from '../../main/settings/operator-pin.js';
import { createMemorySettingsStore, type SettingsStore } from '../../main/settings/settings-store.js';
import { displayReady, openDisplay, WAIT, withoutAttract, withQuery, type DisplaySession } from './support/display-session.js';
import type { PageGlobals } from './support/page-globals.js';

// The operator menu on the real display page, with the real hub, in
// Chromium: five taps in the top-left corner open the overlay, the PIN
// unlocks it, an earlier snapshot is picked and the wall shows it (the
// display's weights on the GPU and its frames, and the hub's own word), then
// it is kept as the default (the setting is saved). Any console error, in
// the display or in the overlay's frame, fails the test.

const PIN = '4711';
let session: DisplaySession | undefined;
let page: Page;
let errors: string[];
let settings: SettingsStore;

beforeAll(async () => {
  settings = createMemorySettingsStore({ ...defaultKioskSettings(), operatorPin: await hashOperatorPin(PIN) });
  session = await openDisplay([], { hub: { services: { settings } } });
  ({ page, errors } = session);
  await displayReady(page);
});
afterAll(async () => {
  await session?.close();
});
afterEach(() => {
  expect(errors).toEqual([]);
});

const menu = (): FrameLocator => page.frameLocator('#operator-overlay iframe');

async function hubSnapshot(): Promise<string> {
  const { hub } = session!;
  const secret = new URLSearchParams(new URL(hub.displayUrl).hash.slice(1)).get('k');
  const response = await fetch(new URL('/api/model', hub.url), { headers: { Authorization: `Bearer ${secret}` } });
  return ((await response.json()) as { snapshotId: string }).snapshotId;
}

async function enterPin(pin: string): Promise<void> {
  for (const digit of pin) await menu().locator(`[data-key="${digit}"]`).click();
  await menu().locator('#pin-ok').click();
}

describe('operator menu', () => {
  it('opens the operator menu and switches the snapshot', async () => {
    expect(await page.locator('#operator-overlay').count()).toBe(0);
    for (let i = 0; i < 5; i++) await page.mouse.click(20, 20);
    await page.locator('#operator-overlay iframe').waitFor(WAIT);
    // Visitors' touches land on the overlay, not on the pad beneath it.
    const padBox = (await page.locator('#pad').boundingBox())!;
    const onTop = await page.evaluate(([x, y]) => (globalThis as unknown as { document: { elementFromPoint(x: number, y: number): { tagName: string } | null } }).document.elementFromPoint(x!, y!)?.tagName, [padBox.x + padBox.width / 2, padBox.y + padBox.height / 2]);
    expect(onTop).toBe('IFRAME');

    await enterPin(PIN);
    const initial = menu().locator('[data-snapshot-id="initial"]');
    await initial.waitFor(WAIT);
    await expect.poll(() => menu().locator('[data-snapshot-id="dataset_50x"]').getAttribute('aria-pressed')).toBe('true');
    expect(await initial.textContent()).toMatch(/0 images seen · 9\.6% test accuracy/);

    await initial.click();
    // The wall shows it: the display has that snapshot's weights on the GPU and its frames come from it.
    await page.waitForFunction(() => {
      const k = (globalThis as unknown as PageGlobals).__kiosk;
      return k?.weightsSnapshot === 'initial' && k.lastFrame?.snapshotId === 'initial';
    }, null, WAIT);
    expect(await hubSnapshot()).toBe('initial');
    await expect.poll(() => initial.getAttribute('aria-pressed')).toBe('true');
    // Only a preview so far: the default is unchanged.
    expect(settings.get().snapshotId).toBeNull();

    await menu().locator('#keep-default').click();
    await expect.poll(() => settings.get().snapshotId, { timeout: 30_000 }).toBe('initial');
    await expect.poll(() => menu().locator('#keep-default').isDisabled()).toBe(true);

    await menu().locator('#close').click();
    await page.locator('#operator-overlay').waitFor({ state: 'detached', timeout: 30_000 });
    expect(await hubSnapshot()).toBe('initial');
  });

  it('opens with Ctrl+Alt+O too, asks for the PIN again, and closes on the chord', async () => {
    await page.keyboard.press('Control+Alt+KeyO');
    await page.locator('#operator-overlay iframe').waitFor(WAIT);
    await menu().locator('#pin-ok').waitFor(WAIT);
    expect(await menu().locator('#menu').isHidden()).toBe(true);
    // The keyboard's focus is in the menu now: the same chord closes it.
    await page.keyboard.press('Control+Alt+KeyO');
    await page.locator('#operator-overlay').waitFor({ state: 'detached', timeout: 30_000 });
  });

  it('locks and closes itself when nobody touches it, on the keypad and once unlocked', async () => {
    // Long enough for a software-rendered page to be seen with the menu open, short enough to wait for.
    await page.goto(withoutAttract(withQuery(session!.hub.displayUrl, 'operatorIdle=6000')));
    // The display came back with the snapshot kept in the first test.
    await page.waitForFunction(() => {
      const k = (globalThis as unknown as PageGlobals).__kiosk;
      return k?.weightsSnapshot === 'initial' && k.frames > 0;
    }, null, WAIT);
    // The keypad left alone (a visitor who found the gesture and walked away).
    for (let i = 0; i < 5; i++) await page.mouse.click(20, 20);
    await page.locator('#operator-overlay').waitFor({ state: 'attached', timeout: 30_000 });
    await page.locator('#operator-overlay').waitFor({ state: 'detached', timeout: 30_000 });
    // Unlocked and then left alone: the menu logs out (the hub ends the session) and closes.
    await page.keyboard.press('Control+Alt+KeyO');
    await enterPin(PIN);
    await menu().locator('#keep-default').waitFor(WAIT);
    const logout = await page.waitForResponse((r) => r.url().endsWith('/api/operator/action') && (r.request().postData() ?? '').includes('"logout"'), WAIT);
    expect(logout.status()).toBe(204);
    await page.locator('#operator-overlay').waitFor({ state: 'detached', timeout: 30_000 });
  });
});
