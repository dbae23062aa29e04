import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDisplay, WAIT, type DisplaySession } from './support/display-session.js';
import type { PageGlobals } from './support/page-globals.js';

// The timeline in a German exhibit (the hub's language setting), before
// anyone has drawn, scrubbed with a finger: touch events on the scrubber.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const results = path.join(root, 'test-results');

let session: DisplaySession | undefined;
let page: Page;
let errors: string[];

beforeAll(async () => {
  await mkdir(results, { recursive: true });
  session = await openDisplay([], { hub: { language: 'de' } });
  ({ page, errors } = session);
});
afterAll(async () => {
  await session?.close();
});
afterEach(() => {
  expect(errors).toEqual([]);
});

const timeline = () => page.evaluate(() => (globalThis as unknown as PageGlobals).__kiosk!.timeline!);

describe('display timeline in German, by touch', () => {
  it('speaks the exhibit\'s language and invites a drawing while the pad is empty', async () => {
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).__kiosk?.welcome?.language === 'de', null, WAIT);
    expect(await page.locator('#timeline-open').textContent()).toBe('Sieh zu, wie es lernt');
    await page.click('#timeline-open');
    await page.waitForFunction(() => {
      const t = (globalThis as unknown as PageGlobals).__kiosk?.timeline;
      return !!t && t.snapshotsOnGpu === 35 && t.frames > 0 && t.lastFrame?.empty === true;
    }, null, WAIT);
    expect(await page.locator('.timeline-images').textContent()).toBe('nach 50 × allen 60.000 Bildern');
    expect(await page.locator('.timeline-accuracy').textContent()).toMatch(/^9\d,\d % der Testziffern richtig$/);
    expect(await page.locator('.timeline-start').textContent()).toBe('zufällige Gewichte');
    expect(await page.locator('.timeline-end').textContent()).toBe('50 Durchgänge');
    expect(await page.locator('.timeline-note').textContent()).toBe('Zeichne eine Ziffer und fahre durch ihr Training');
    expect(await page.locator('#timeline-back').textContent()).toBe('Zurück');
    expect(await page.locator('.timeline-curve-key').allTextContents()).toEqual(['Testziffern richtig', 'Trainingsfehler (Loss)']);
    // Nothing drawn: no guesses above the ticks, no guess in the bars.
    expect((await page.locator('.timeline-cell-digit').allTextContents()).join('')).toBe('');
    expect(await page.locator('#guess-digit').textContent()).toBe('?');
  });

  it('follows a finger dragged along the scrubber', async () => {
    const box = (await page.locator('#timeline-lane').boundingBox())!;
    const y = box.y + box.height / 2;
    const at = (p: number) => ({ x: box.x + (box.width * p) / 34, y });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [at(30)] });
    await page.waitForFunction(() => Math.round((globalThis as unknown as PageGlobals).__kiosk?.timeline?.position ?? -1) === 30, null, WAIT);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [at(12)] });
    await page.waitForFunction(() => Math.round((globalThis as unknown as PageGlobals).__kiosk?.timeline?.position ?? -1) === 12, null, WAIT);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [at(2)] });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await page.waitForFunction(() => Math.round((globalThis as unknown as PageGlobals).__kiosk?.timeline?.position ?? -1) === 2, null, WAIT);
    await cdp.detach();
    const state = await timeline();
    expect(state.pair[0]).toBe('approx_120');
    expect(await page.locator('.timeline-images').textContent()).toBe('nach 128 Bildern');
    await page.evaluate(() => new Promise<void>((resolve) => (globalThis as unknown as PageGlobals).requestAnimationFrame(resolve)));
    await page.screenshot({ path: path.join(results, 'timeline-de-empty.png') });
  });
});
