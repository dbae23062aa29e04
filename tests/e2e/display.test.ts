import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../main/hub/start-hub.js';
import { SYNTHETIC_DIGITS } from '../support/synthetic-digits.js';
import { openDisplay, WAIT, type DisplaySession } from './support/display-session.js';
import { drawWithMouse, sparse, toPage } from './support/draw.js';
import type { PageGlobals } from './support/page-globals.js';

// The real display page, built by scripts/build.mjs (vitest global setup) and served by the real
// hub, in Debian's Chromium with SwiftShader WebGL (on the CPU: a frame of
// 109,184 lines takes about a second here, so every step keeps the number of
// frames small). Any console error or uncaught exception fails a test.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const results = path.join(root, 'test-results');

let session: DisplaySession | undefined;
let hub: RunningHub;
let page: Page;
let errors: string[];

beforeAll(async () => {
  await mkdir(results, { recursive: true });
  session = await openDisplay();
  ({ hub, page, errors } = session);
});

afterAll(async () => {
  await session?.close();
});

afterEach(() => {
  expect(errors).toEqual([]);
});

// Predicates are functions, not strings: the page's CSP forbids eval.
const waitForGuess = (digit: string) =>
  page.waitForFunction((d) => (globalThis as unknown as PageGlobals).document.getElementById('guess-digit')?.textContent === d, digit, WAIT);
const waitForEmptyFrame = () => page.waitForFunction(() => (globalThis as unknown as PageGlobals).__kiosk?.lastFrame?.empty === true, null, WAIT);
const hook = () => page.evaluate(() => (globalThis as unknown as PageGlobals).__kiosk!);

async function shownGuess(): Promise<{ digit: string; top: string | null; fill: number }> {
  return page.evaluate(() => {
    const { document } = globalThis as unknown as PageGlobals;
    const top = document.querySelector('.bar.top');
    const fill = top?.querySelector('.bar-fill')?.style.transform ?? 'scaleX(0)';
    return {
      digit: document.getElementById('guess-digit')?.textContent ?? '',
      top: top?.querySelector('.bar-digit')?.textContent ?? null,
      fill: Number(/scaleX\(([\d.]+)\)/.exec(fill)?.[1] ?? 0),
    };
  });
}

describe('display page', () => {
  it('shows the network from the model\'s metadata, with every connection and the weights on the GPU', async () => {
    await page.waitForFunction(() => {
      const k = (globalThis as unknown as PageGlobals).__kiosk;
      return k?.weightsSnapshot === 'dataset_50x' && k.frames > 0;
    }, null, WAIT);
    const state = await page.evaluate(() => {
      const k = (globalThis as unknown as PageGlobals).__kiosk!;
      return { connections: k.connections, lit: k.litPixels(), info: k.info(), uploads: k.uploads, status: k.status };
    });
    expect(state.status).toBe('connected');
    expect(state.connections).toBe(784 * 128 + 128 * 64 + 64 * 10);
    // One camera-facing quad (two triangles) per connection, instanced: nodes and labels add a few more.
    expect(state.info.triangles).toBeGreaterThanOrEqual(2 * 109_184);
    expect(state.info.triangles).toBeLessThan(2 * 109_184 + 4 * 1024);
    // Not a blank canvas: the idle network lights a good part of it.
    expect(state.lit.lit / state.lit.total).toBeGreaterThan(0.03);
    // Weights went up once (one float texture); an update uploads only the activation texture:
    // the ~1k activations twice (what is shown and the new frame, for the propagation wave).
    expect(state.uploads.weightsBytes).toBeGreaterThanOrEqual(109_184 * 4);
    expect(state.uploads.lastUpdateBytes).toBeGreaterThan(0);
    expect(state.uploads.lastUpdateBytes).toBeLessThanOrEqual(2 * 1024 * 4);
    expect(await shownGuess()).toMatchObject({ digit: '?', top: null });
    expect(await page.locator('#model-line').textContent()).toContain('mlp_weights.json');
    await page.screenshot({ path: path.join(results, 'display-idle.png') });
  });

  it('recognises a 7 drawn with the mouse: bars move and the top guess is 7', async () => {
    const before = (await hook()).frames;
    await drawWithMouse(page, '#pad', sparse(SYNTHETIC_DIGITS[7]!, 6));
    await waitForGuess('7');
    const shown = await shownGuess();
    expect(shown.top).toBe('7');
    expect(shown.fill).toBeGreaterThan(0.5);
    const { lastFrame: frame, frames } = await hook();
    if (!frame) throw new Error('no frame');
    expect(frame.empty).toBe(false);
    expect(frames).toBeGreaterThan(before);
    expect(frame.probabilities.indexOf(Math.max(...frame.probabilities))).toBe(7);
    expect(frame.input.filter((v) => v > 0.5).length).toBeGreaterThan(30);
    // "What the network sees" is no longer blank.
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).__kiosk!.previewLitPixels())).toBeGreaterThan(30);
    await page.evaluate(() => new Promise<void>((resolve) => (globalThis as unknown as PageGlobals).requestAnimationFrame(resolve)));
    // Screenshots stay in test-results/ (git-ignored): a test run must leave
    // the tracked tree as it was. docs/screenshots/display.png is updated by hand.
    await page.screenshot({ path: path.join(results, 'display-drawn-7.png') });
  });

  it('clears with the Clear button, then recognises a 1', async () => {
    await page.click('#clear');
    await waitForEmptyFrame();
    await waitForGuess('?');
    expect((await shownGuess()).top).toBeNull();
    await drawWithMouse(page, '#pad', sparse(SYNTHETIC_DIGITS[1]!, 4));
    await waitForGuess('1');
    expect((await shownGuess()).top).toBe('1');
  });

  it('draws with touch too (pointer events, one code path)', async () => {
    await page.click('#clear');
    await waitForEmptyFrame();
    const box = (await page.locator('#pad').boundingBox())!;
    const cdp = await page.context().newCDPSession(page);
    const points = sparse(SYNTHETIC_DIGITS[7]!, 6)[0]!.map((p) => {
      const [x, y] = toPage(box, p);
      return { x, y };
    });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [points[0]!] });
    for (const p of points.slice(1)) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [p] });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await waitForGuess('7');
    await cdp.detach();
  });

  it('keeps the page still: no context menu, no text selection, no scrolling', async () => {
    const state = await page.evaluate(() => {
      const { document, MouseEvent, getComputedStyle } = globalThis as unknown as PageGlobals;
      const menu = new MouseEvent('contextmenu', { bubbles: true, cancelable: true });
      document.body.dispatchEvent(menu);
      const style = getComputedStyle(document.body);
      return { menu: menu.defaultPrevented, select: style.userSelect, overflow: style.overflow };
    });
    expect(state).toEqual({ menu: true, select: 'none', overflow: 'hidden' });
  });

  it('shows a calm message, not an error, when the hub goes away', async () => {
    await hub.close();
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).document.getElementById('status')?.hidden === false, null, WAIT);
    expect(await page.locator('#status-text').textContent()).toBe('One moment, the exhibit is reconnecting.');
    expect((await hook()).status).toBe('reconnecting');
    // Chromium itself logs each refused WebSocket connection; those are the only errors allowed here.
    errors.splice(0, errors.length, ...errors.filter((e) => !/WebSocket connection to .* failed/.test(e)));
  });
});
