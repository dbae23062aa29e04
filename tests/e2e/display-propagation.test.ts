import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SYNTHETIC_DIGITS } from '../support/synthetic-digits.js';
import { displayReady, type DisplaySession, openDisplay, WAIT } from './support/display-session.js';
import type { PageGlobals } from './support/page-globals.js';
import { compareWithReference, SCREENSHOT_TOLERANCE } from './support/screenshot-check.js';

// The connections as the exhibit draws them (instanced quads, colour and
// width from weight x activation in the shaders), the emphasis control and
// legend, the propagation wave pinned to fixed moments for screenshots, and
// the honest "not sure" answer: the real hub and page in Debian's Chromium
// (SwiftShader). Any console error fails a test.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const results = path.join(root, 'test-results');
const NODES = 784 + 128 + 64 + 10;

let session: DisplaySession | undefined;
let page: Page;
let errors: string[];

beforeAll(async () => {
  await mkdir(results, { recursive: true });
  session = await openDisplay();
  ({ page, errors } = session);
  await displayReady(page);
});

afterAll(async () => {
  await session?.close();
});

afterEach(() => {
  expect(errors).toEqual([]);
});

type Pt = [number, number];
interface PageWithPointer {
  readonly document: { getElementById(id: string): { getBoundingClientRect(): { left: number; top: number; width: number; height: number }; dispatchEvent(e: unknown): boolean } };
  readonly PointerEvent: new (type: string, init: Record<string, unknown>) => unknown;
}

/**
 * The whole drawing in one task (pointer events dispatched synchronously):
 * the pad hands it on in one ink message, so the hub answers with exactly one
 * frame and the display runs one full wave (a visitor's pen would send many).
 */
async function drawAtOnce(strokes: Pt[][]): Promise<void> {
  const before = await page.evaluate(() => (globalThis as unknown as PageGlobals).__kiosk!.frames);
  await page.evaluate((all) => {
    const g = globalThis as unknown as PageWithPointer;
    const pad = g.document.getElementById('pad');
    const r = pad.getBoundingClientRect();
    const base = { pointerId: 1, pointerType: 'mouse', isPrimary: true, bubbles: true, cancelable: true, button: 0, buttons: 1 };
    for (const stroke of all) {
      stroke.forEach(([x, y], i) => {
        const at = { clientX: r.left + (r.width * (10 + x * 0.8)) / 100, clientY: r.top + (r.height * (10 + y * 0.8)) / 100 };
        pad.dispatchEvent(new g.PointerEvent(i === 0 ? 'pointerdown' : 'pointermove', { ...base, ...at }));
        if (i === stroke.length - 1) pad.dispatchEvent(new g.PointerEvent('pointerup', { ...base, buttons: 0, ...at }));
      });
    }
  }, strokes);
  await page.waitForFunction((n) => {
    const k = (globalThis as unknown as PageGlobals).__kiosk!;
    return k.frames > n && k.lastFrame?.empty === false;
  }, before, WAIT);
}

const wave = () =>
  page.evaluate(() => {
    const k = (globalThis as unknown as PageGlobals).__kiosk!;
    return { progress: k.wave!.progress(), kind: k.wave!.kind(), frames: k.frames, uploads: k.uploads, guess: (globalThis as unknown as PageGlobals).document.getElementById('guess-digit')?.textContent ?? '' };
  });
const freezeAt = (ms: number | null) => page.evaluate((m) => (globalThis as unknown as PageGlobals).__kiosk!.wave!.freezeAt(m), ms);
/** Renders now (litPixels draws in the same task), so the screenshot shows the pinned moment. */
const renderNow = () => page.evaluate(() => (globalThis as unknown as PageGlobals).__kiosk!.litPixels());

async function clearPad(): Promise<void> {
  await page.click('#clear');
  await page.waitForFunction(() => (globalThis as unknown as PageGlobals).__kiosk?.lastFrame?.empty === true, null, WAIT);
}

describe('display: connections, wave and answer', () => {
  it('draws one instance per connection, 109,184 of them, and shows the colour legend', async () => {
    const state = await page.evaluate(() => {
      const k = (globalThis as unknown as PageGlobals).__kiosk!;
      const { document } = globalThis as unknown as PageGlobals;
      // Render now, so the draw counts are this scene's (the last render may have been a partial one).
      k.litPixels();
      return { connections: k.connections, info: k.info(), legend: document.getElementById('legend')?.textContent ?? '', legendShown: (document.getElementById('legend')?.offsetHeight ?? 0) > 0 };
    });
    expect(state.connections).toBe(784 * 128 + 128 * 64 + 64 * 10);
    expect(state.connections).toBe(109_184);
    // Two triangles per connection in the draw, plus the nodes' and labels' quads.
    expect(state.info.triangles).toBeGreaterThanOrEqual(2 * 109_184);
    expect(state.legendShown).toBe(true);
    expect(state.legend).toContain('warm: pushes the next neuron on');
    expect(state.legend).toContain('cool: holds it back');
    expect(state.legend).toContain('brighter and wider: stronger');
  });

  it('changes which connections stand out with the emphasis buttons (a uniform, nothing hidden)', async () => {
    const emphasis = () => page.evaluate(() => (globalThis as unknown as PageGlobals).__kiosk!.emphasis!());
    const pressed = () => page.locator('.emphasis-step[aria-pressed="true"]').getAttribute('data-level');
    expect(await emphasis()).toBe(1);
    expect(await pressed()).toBe('balanced');
    const button = page.locator('.emphasis-step[data-level="strongest"]');
    const box = (await button.boundingBox())!;
    // Big enough for a finger.
    expect(box.height).toBeGreaterThanOrEqual(44);
    await button.click();
    expect(await emphasis()).toBeGreaterThan(1);
    expect(await pressed()).toBe('strongest');
    const connections = (await page.evaluate(() => (globalThis as unknown as PageGlobals).__kiosk!.connections));
    expect(connections).toBe(109_184);
    await page.click('.emphasis-step[data-level="all"]');
    expect(await emphasis()).toBeLessThan(1);
    await page.click('.emphasis-step[data-level="balanced"]');
    expect(await emphasis()).toBe(1);
  });

  it('propagates a new drawing layer by layer: pinned mid-wave, then at the end; only the activations are uploaded', async () => {
    await clearPad();
    const weightsBytes = (await wave()).uploads.weightsBytes;
    // Every wave is shown as it looks 170 ms after it started.
    await freezeAt(170);
    await drawAtOnce(SYNTHETIC_DIGITS[7]!);
    const mid = await wave();
    expect(mid.kind).toBe('full');
    expect(mid.progress).toBeGreaterThan(0.3);
    expect(mid.progress).toBeLessThan(0.6);
    // The bars wait for the wave to reach the output layer.
    expect(mid.guess).toBe('?');
    // The update uploaded the activation texture only (what is shown and the new frame, ~1k floats each); the weights stayed.
    expect(mid.uploads.lastUpdateBytes).toBe(2 * NODES * 4);
    expect(mid.uploads.weightsBytes).toBe(weightsBytes);
    await renderNow();
    expect((await compareWithReference(page, 'live-wave-mid')).differentShare).toBeLessThan(SCREENSHOT_TOLERANCE);

    await freezeAt(null);
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).__kiosk!.wave!.progress() === 1, null, WAIT);
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).document.getElementById('guess-digit')?.textContent === '7', null, WAIT);
    await renderNow();
    expect((await compareWithReference(page, 'live-answer')).differentShare).toBeLessThan(SCREENSHOT_TOLERANCE);
  });

  it('says honestly when it is not sure, naming both candidates', async () => {
    await clearPad();
    // A 4 and a 7 drawn over each other: the network splits between 7 and 9.
    await drawAtOnce([...SYNTHETIC_DIGITS[4]!, ...SYNTHETIC_DIGITS[7]!]);
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).__kiosk!.wave!.progress() === 1, null, WAIT);
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).document.getElementById('guess')?.classList.contains('unsure') === true, null, WAIT);
    const frame = (await page.evaluate(() => (globalThis as unknown as PageGlobals).__kiosk!.lastFrame!))!;
    const sorted = frame.probabilities.map((p, k) => [p, k] as const).sort((a, b) => b[0] - a[0]);
    const [first, second] = [sorted[0]!, sorted[1]!];
    expect(first[0] < 0.5 || first[0] - second[0] < 0.2).toBe(true);
    expect(await page.locator('#guess-digit').textContent()).toBe('?');
    expect(await page.locator('#guess-label').textContent()).toBe(`Not sure — maybe ${first[1]} or ${second[1]}`);
    expect(await page.locator('.bar.top .bar-digit').textContent()).toBe(String(first[1]));
    expect(await page.locator('.bar.maybe .bar-digit').textContent()).toBe(String(second[1]));
    // The bars glide to their new lengths (CSS transitions): screenshot them where they end.
    await page.evaluate(() => Promise.all((globalThis as unknown as { document: { getAnimations(): { finished: Promise<unknown> }[] } }).document.getAnimations().map((a) => a.finished)));
    await page.screenshot({ path: path.join(results, 'display-not-sure.png') });
  });
});
