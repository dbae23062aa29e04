import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SYNTHETIC_DIGITS } from '../support/synthetic-digits.js';
import { displayReady, type DisplaySession, openDisplay, WAIT } from './support/display-session.js';
import { drawWithMouse, sparse } from './support/draw.js';
import type { PageGlobals } from './support/page-globals.js';

// A German exhibit with the camera's swing switched on (?orbit=on: by default
// it rests when WebGL runs on the CPU) and a 30 s inspector idle time: the
// swing, the inspector in German and closing by itself, and a lost WebGL
// context coming back, on the real display page and hub in Chromium.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const results = path.join(root, 'test-results');

let session: DisplaySession | undefined;
let page: Page;
let errors: string[];

beforeAll(async () => {
  await mkdir(results, { recursive: true });
  session = await openDisplay([], { query: 'orbit=on&inspectorIdle=30000', hub: { language: 'de' } });
  ({ page, errors } = session);
  await displayReady(page);
});

afterAll(async () => {
  await session?.close();
});

afterEach(() => {
  expect(errors).toEqual([]);
});

const kiosk = () => page.evaluate(() => (globalThis as unknown as PageGlobals).__kiosk!);
const camera = async () => (await page.evaluate(() => (globalThis as unknown as PageGlobals).__kiosk!.camera()))!;
const renders = () => page.evaluate(() => (globalThis as unknown as PageGlobals).__kiosk!.renders());
const waitForRenders = (n: number) => page.waitForFunction((m) => (globalThis as unknown as PageGlobals).__kiosk!.renders() >= m, n, WAIT);
const waitForGuess = (digit: string) =>
  page.waitForFunction((d) => (globalThis as unknown as PageGlobals).document.getElementById('guess-digit')?.textContent === d, digit, WAIT);
const litFraction = async () => {
  const { lit, total } = await page.evaluate(() => (globalThis as unknown as PageGlobals).__kiosk!.litPixels());
  return lit / total;
};

async function tapNeuron(layer: number, index: number): Promise<void> {
  const at = await page.evaluate(([l, i]) => (globalThis as unknown as PageGlobals).__kiosk!.neuronPosition(l!, i!), [layer, index]);
  await page.mouse.click(at!.x, at!.y);
  await page.waitForFunction(
    ([l, i]) => {
      const s = (globalThis as unknown as PageGlobals).__kiosk!.inspected;
      return s !== undefined && s.layer === l && s.index === i && !Number.isNaN(s.value);
    },
    [layer, index],
    WAIT,
  );
}

describe('camera swing', () => {
  it('swings slowly either side of home by itself, never further', async () => {
    const first = await camera();
    expect(first).toMatchObject({ autoOrbit: true, mode: 'home' });
    // Frames keep coming without any input: the camera moves on its own.
    await waitForRenders((await renders()) + 3);
    const second = await camera();
    expect(second.azimuth).not.toBe(first.azimuth);
    for (const c of [first, second]) {
      expect(Math.abs(c.azimuth - c.home!.azimuth)).toBeLessThanOrEqual((10 * Math.PI) / 180 + 0.02);
      expect(c.polar).toBeCloseTo(c.home!.polar, 2);
    }
    // Held still for the rest of this file: screenshots and pixel counts compare like with like.
    await page.evaluate(() => (globalThis as unknown as PageGlobals).__kiosk!.fixCamera());
    expect((await camera()).mode).toBe('fixed');
  });
});

describe('neuron inspector in German', () => {
  it('speaks the exhibit\'s language, with German decimals', async () => {
    await drawWithMouse(page, '#pad', sparse(SYNTHETIC_DIGITS[7]!, 6));
    await waitForGuess('7');
    const frame = (await kiosk()).lastFrame!;
    const k = frame.activations[0]!.indexOf(Math.max(...frame.activations[0]!));
    await tapNeuron(1, k);
    const s = (await kiosk()).inspected!;
    expect(await page.locator('.inspector-title').textContent()).toBe(`Neuron ${k + 1} von 128 · verborgene Schicht 1`);
    expect(s.formula).toMatch(/^relu\( .+ \+ … \(\+781 weitere\) \+ .+ \) = \d+,\d\d$/);
    expect(Math.abs(Number(s.result.replace(',', '.')) - s.frameValue!)).toBeLessThanOrEqual(0.0051);
    expect(await page.locator('.inspector-close').getAttribute('aria-label')).toBe('Schließen');
    expect(await page.locator('.inspector-up .inspector-list-title').textContent()).toBe('Treibt an');
    // Touching the card keeps it open (and starts its idle time again): the picture below shows it.
    await page.click('.inspector-title');
    // A frame drawn now shows the ring around the chosen neuron (litPixels renders before it counts).
    await litFraction();
    await page.screenshot({ path: path.join(results, 'inspector-de.png') });
    expect((await kiosk()).inspected).toMatchObject({ layer: 1, index: k });
  });

  it('closes by itself when nobody touches the exhibit', async () => {
    await tapNeuron(2, 3);
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).document.getElementById('inspector')!.hidden)).toBe(false);
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).__kiosk!.inspected === undefined, null, WAIT);
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).document.getElementById('inspector')!.hidden)).toBe(true);
  });
});

describe('lost WebGL context', () => {
  it('shows a calm note while lost, then draws the network again as before', async () => {
    const before = await litFraction();
    expect(before).toBeGreaterThan(0.03);
    const textures = () => page.evaluate(() => (globalThis as unknown as PageGlobals).__kiosk!.info().textures);
    const texturesBefore = await textures();
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).__kiosk!.loseContext())).toBe(true);
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).__kiosk!.context().lost, null, WAIT);
    expect(await page.locator('#webgl-lost-note').isVisible()).toBe(true);
    expect(await page.locator('#webgl-lost-note').textContent()).toBe('Das 3D-Bild ruht einen Moment.');
    await page.screenshot({ path: path.join(results, 'webgl-lost.png') });

    const drawn = await renders();
    await page.evaluate(() => (globalThis as unknown as PageGlobals).__kiosk!.restoreContext());
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).__kiosk!.context().restores === 1, null, WAIT);
    await waitForRenders(drawn + 1);
    expect(await page.locator('#webgl-lost-note').isVisible()).toBe(false);
    // Same picture as before the loss: weights and activations went up again from their CPU copies.
    const after = await litFraction();
    expect(Math.abs(after - before) / before).toBeLessThan(0.05);
    // Textures are rebuilt for what the scene shows now (the inspector's ring, closed, is not among them): none twice.
    const restored = await textures();
    expect(restored).toBeGreaterThanOrEqual(texturesBefore - 1);
    expect(restored).toBeLessThanOrEqual(texturesBefore);
    await page.screenshot({ path: path.join(results, 'webgl-restored.png') });
  });

  it('takes the next drawing after the restore: bars, network and inspector', async () => {
    const with7 = await page.locator('#network').screenshot();
    await page.click('#clear');
    await waitForGuess('?');
    await drawWithMouse(page, '#pad', sparse(SYNTHETIC_DIGITS[1]!, 4));
    await waitForGuess('1');
    const k = await kiosk();
    expect(k.uploads.lastUpdateBytes).toBeGreaterThan(0);
    // Another digit lights other tiles and connections: the activations texture still updates.
    await waitForRenders((await renders()) + 1);
    expect((await page.locator('#network').screenshot()).equals(with7)).toBe(false);
    await tapNeuron(3, 1);
    // Read together: the inspector follows every frame, and the last ink may still have been on its way.
    const now = await kiosk();
    expect(now.inspected!.frameValue).toBe(now.lastFrame!.activations[2]![1]);
    expect(Math.abs(now.inspected!.value - now.inspected!.frameValue!)).toBeLessThan(2e-3);
  });
});
