import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { InspectedNeuron } from '../../renderer/display/test-hook-types.js';
import { SYNTHETIC_DIGITS } from '../support/synthetic-digits.js';
import { displayReady, type DisplaySession, openDisplay, WAIT } from './support/display-session.js';
import { drawWithMouse, sparse } from './support/draw.js';
import type { PageGlobals } from './support/page-globals.js';
import { compareWithReference, SCREENSHOT_TOLERANCE } from './support/screenshot-check.js';

// The neuron inspector and the camera on the real display page, served by
// the real hub, in Debian's Chromium (SwiftShader). The camera is slowed to
// a 1.5 s idle wait (?cameraIdle) and holds still when left alone in software
// rendering (no swing: every frame costs about a second on the CPU).
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const results = path.join(root, 'test-results');

let session: DisplaySession | undefined;
let page: Page;
let errors: string[];

beforeAll(async () => {
  await mkdir(results, { recursive: true });
  session = await openDisplay([], { query: 'cameraIdle=1500' });
  ({ page, errors } = session);
  await displayReady(page);
});

afterAll(async () => {
  await session?.close();
});

afterEach(() => {
  expect(errors).toEqual([]);
});

const hook = () => page.evaluate(() => (globalThis as unknown as PageGlobals).__kiosk!);
const camera = async () => (await page.evaluate(() => (globalThis as unknown as PageGlobals).__kiosk!.camera()))!;
const waitForGuess = (digit: string) =>
  page.waitForFunction((d) => (globalThis as unknown as PageGlobals).document.getElementById('guess-digit')?.textContent === d, digit, WAIT);
/** Draws a frame now (litPixels renders before it counts), so a screenshot shows the latest state. */
const nextRender = async () => {
  await page.evaluate(() => (globalThis as unknown as PageGlobals).__kiosk!.litPixels());
};

async function tapNeuron(layer: number, index: number): Promise<InspectedNeuron> {
  const at = await page.evaluate(([l, i]) => (globalThis as unknown as PageGlobals).__kiosk!.neuronPosition(l!, i!), [layer, index]);
  if (!at) throw new Error('no layout');
  await page.mouse.click(at.x, at.y);
  await page.waitForFunction(
    ([l, i]) => {
      const s = (globalThis as unknown as PageGlobals).__kiosk!.inspected;
      return s !== undefined && s.layer === l && s.index === i && !Number.isNaN(s.value);
    },
    [layer, index],
    WAIT,
  );
  return (await hook()).inspected!;
}

const panelHidden = () => page.evaluate(() => (globalThis as unknown as PageGlobals).document.getElementById('inspector')!.hidden);
const argmax = (values: readonly number[]) => values.indexOf(Math.max(...values));

describe('neuron inspector', () => {
  it('shows a first-hidden-layer neuron: 28x28 weights, its activation as in the frame, its formula with the real numbers', async () => {
    await drawWithMouse(page, '#pad', sparse(SYNTHETIC_DIGITS[7]!, 6));
    await waitForGuess('7');
    await page.evaluate(() => (globalThis as unknown as PageGlobals).__kiosk!.fixCamera());
    await nextRender();
    const frame = (await hook()).lastFrame!;
    // The most active neuron of the first hidden layer: the one a visitor's eye goes to.
    const k = argmax(frame.activations[0]!);
    await tapNeuron(1, k);
    // Frame and inspector read together: the inspector follows every frame, and the last ink may still have been on its way.
    const { inspected, lastFrame } = await hook();
    const s = inspected!;
    expect(s.frameValue).toBe(lastFrame!.activations[0]![k]);
    expect(s).toMatchObject({ kind: 'hidden', weightImage: { columns: 28, rows: 28 }, terms: 784 });
    // Recomputed from the snapshot's float32 weights and the frame's 4-decimal inputs.
    expect(Math.abs(s.value - s.frameValue!)).toBeLessThan(2e-3);
    expect(Math.abs(Number(s.result) - s.frameValue!)).toBeLessThanOrEqual(0.0051);
    expect(s.formula).toMatch(/^relu\( .+×.+ \+ … \(\+781 more\) \+ .+ \) = \d+\.\d\d$/);
    expect(await panelHidden()).toBe(false);
    expect(await page.locator('.inspector-title').textContent()).toBe(`Neuron ${k + 1} of 128 · hidden layer 1`);
    expect(await page.locator('.inspector-value-number').textContent()).toBe(s.result);
    expect(await page.locator('.inspector-formula').textContent()).toBe(s.formula);
    const image = await page.locator('.inspector-weights canvas').evaluate((c) => [(c as unknown as { width: number }).width, (c as unknown as { height: number }).height]);
    expect(image).toEqual([28, 28]);
    // Strongest inputs are named as pixels, with the sign of what they add.
    const up = await page.locator('.inspector-up li').allTextContents();
    expect(up.length).toBeGreaterThan(0);
    expect(up[0]).toMatch(/^pixel \d+,\d+\+\d+\.\d\d$/);
    await nextRender();
    await page.screenshot({ path: path.join(results, 'inspector-hidden.png') });
  });

  it('follows the drawing live: a new digit on the pad updates the open neuron', async () => {
    const before = (await hook()).inspected!;
    await page.click('#clear');
    await waitForGuess('?');
    await drawWithMouse(page, '#pad', sparse(SYNTHETIC_DIGITS[1]!, 4));
    await waitForGuess('1');
    const { lastFrame: frame, inspected: s } = await hook();
    expect(s).toMatchObject({ layer: before.layer, index: before.index });
    expect(s!.frameValue).toBe(frame!.activations[0]![s!.index]);
    expect(Math.abs(s!.value - s!.frameValue!)).toBeLessThan(2e-3);
  });

  it('shows an output neuron: 8x8 weights from the last hidden layer, its score and probability', async () => {
    await tapNeuron(3, 1);
    const { lastFrame, inspected } = await hook();
    const frame = lastFrame!;
    const s = inspected!;
    expect(s).toMatchObject({ kind: 'output', weightImage: { columns: 8, rows: 8 }, terms: 64 });
    expect(s.frameValue).toBe(frame.activations[2]![1]);
    expect(Math.abs(Number(s.result) - s.frameValue!)).toBeLessThanOrEqual(0.0051);
    expect(s.formula).toMatch(/^.+ \+ … \(\+61 more\) \+ .+ = −?\d+\.\d\d$/);
    expect(await page.locator('.inspector-title').textContent()).toBe('Output neuron for the digit 1');
    expect(await page.locator('.inspector-note').textContent()).toBe(`${Math.round(frame.probabilities[1]! * 100)}% likely`);
    // The screenshot is compared with a reference: show the network where the wave ends, not wherever it is now.
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).__kiosk!.wave!.progress() === 1, null, WAIT);
    await nextRender();
    expect((await compareWithReference(page, 'inspector-output')).differentShare).toBeLessThan(SCREENSHOT_TOLERANCE);
  });

  it('shows an input pixel\'s value', async () => {
    const frame = (await hook()).lastFrame!;
    const pixel = argmax(frame.input);
    const s = await tapNeuron(0, pixel);
    expect(s).toMatchObject({ kind: 'input', value: frame.input[pixel] });
    expect(await page.locator('.inspector-title').textContent()).toBe(`Input pixel · row ${Math.floor(pixel / 28) + 1}, column ${(pixel % 28) + 1}`);
  });

  it('closes with its button, with a tap on empty space and with a tap elsewhere on the page', async () => {
    await page.click('.inspector-close');
    expect(await panelHidden()).toBe(true);
    expect((await hook()).inspected).toBeUndefined();

    await tapNeuron(2, 5);
    const box = (await page.locator('#network').boundingBox())!;
    await page.mouse.click(box.x + 12, box.y + 12);
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).__kiosk!.inspected === undefined, null, WAIT);
    expect(await panelHidden()).toBe(true);

    await tapNeuron(2, 5);
    await page.click('.title h1');
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).__kiosk!.inspected === undefined, null, WAIT);
  });
});

describe('camera', () => {
  it('rotates with a drag, but never beyond its limits', async () => {
    await page.evaluate(() => (globalThis as unknown as PageGlobals).__kiosk!.fixCamera());
    const home = await camera();
    expect(home.mode).toBe('fixed');
    await page.evaluate(() => (globalThis as unknown as PageGlobals).__kiosk!.releaseCamera());
    const box = (await page.locator('#network').boundingBox())!;
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height * 0.15;
    // A small drag turns the camera a little.
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    await page.mouse.move(cx + 60, cy, { steps: 3 });
    const turned = await camera();
    expect(turned.mode).toBe('held');
    expect(Math.abs(turned.azimuth - home.azimuth)).toBeGreaterThan(0.05);
    // Far beyond: the angles stop at the limits.
    await page.mouse.move(cx + 3000, cy + 3000, { steps: 4 });
    await page.mouse.up();
    let c = await camera();
    expect(c.azimuth).toBeCloseTo(c.limits.azimuth[0], 6);
    expect(c.polar).toBeCloseTo(c.limits.polar[0], 6);
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    await page.mouse.move(cx - 3000, cy - 3000, { steps: 4 });
    await page.mouse.up();
    c = await camera();
    expect(c.azimuth).toBeCloseTo(c.limits.azimuth[1], 6);
    expect(c.polar).toBeCloseTo(c.limits.polar[1], 6);
    // The limits keep the network in view and readable: 15° towards the side view, 35° towards the input's face, 20° up, 10° down.
    const deg = Math.PI / 180;
    expect(c.limits.azimuth[1] - c.home!.azimuth).toBeCloseTo(15 * deg, 6);
    expect(c.home!.azimuth - c.limits.azimuth[0]).toBeCloseTo(35 * deg, 6);
    expect(c.home!.polar - c.limits.polar[0]).toBeCloseTo(20 * deg, 6);
    expect(c.limits.polar[1] - c.home!.polar).toBeCloseTo(10 * deg, 6);
    // A drag turns, it does not zoom (home itself follows the canvas size, which the answer column can change).
    expect(c.distance / c.home!.distance).toBeCloseTo(1, 6);
    // Held at the limit for the picture (it would glide home after the 1.5 s idle time while SwiftShader draws).
    await page.evaluate(([azimuth, polar]) => (globalThis as unknown as PageGlobals).__kiosk!.fixCamera({ azimuth, polar }), [c.azimuth, c.polar]);
    await nextRender();
    await page.screenshot({ path: path.join(results, 'camera-limit.png') });
    await page.evaluate(() => (globalThis as unknown as PageGlobals).__kiosk!.releaseCamera());
  });

  it('zooms with the wheel within limits', async () => {
    const box = (await page.locator('#network').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    // Each notch of 2000 zooms by about half (OrbitControls' scale): three go well past either limit.
    for (let i = 0; i < 3; i++) await page.mouse.wheel(0, 2000);
    let c = await camera();
    expect(c.distance).toBeCloseTo(c.limits.distance[1], 6);
    for (let i = 0; i < 4; i++) await page.mouse.wheel(0, -2000);
    c = await camera();
    expect(c.distance).toBeCloseTo(c.limits.distance[0], 6);
    expect(c.limits.distance[0]).toBeCloseTo(c.home!.distance * 0.6, 6);
    expect(c.limits.distance[1]).toBeCloseTo(c.home!.distance * 1.5, 6);
  });

  it('zooms with two fingers on the network, within limits, while the page itself never zooms', async () => {
    const box = (await page.locator('#network').boundingBox())!;
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    const before = await camera();
    const cdp = await page.context().newCDPSession(page);
    const fingers = (gap: number) => [
      { x: cx - gap, y: cy, id: 1 },
      { x: cx + gap, y: cy, id: 2 },
    ];
    // The wheel left the camera at its nearest: fingers together move it away, and far beyond the farthest allowed distance.
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: fingers(320) });
    for (const gap of [160, 80, 40, 20]) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: fingers(gap) });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await cdp.detach();
    const after = await camera();
    expect(after.distance).toBeGreaterThan(before.distance);
    expect(after.distance).toBeCloseTo(after.limits.distance[1], 6);
    expect(await page.evaluate(() => (globalThis as unknown as { visualViewport: { scale: number } }).visualViewport.scale)).toBe(1);
  });

  it('glides home by itself after the idle time', async () => {
    expect((await camera()).mode).toBe('held');
    await page.waitForFunction(
      () => {
        const c = (globalThis as unknown as PageGlobals).__kiosk!.camera()!;
        return c.mode === 'home' && Math.abs(c.azimuth - c.home!.azimuth) < 1e-3 && Math.abs(c.polar - c.home!.polar) < 1e-3 && Math.abs(c.distance / c.home!.distance - 1) < 1e-3;
      },
      null,
      WAIT,
    );
  });

  it('does not move when a visitor draws on the pad', async () => {
    const before = await camera();
    expect(before.mode).toBe('home');
    await page.click('#clear');
    await drawWithMouse(page, '#pad', sparse(SYNTHETIC_DIGITS[7]!, 6));
    await waitForGuess('7');
    const after = await camera();
    expect(after.mode).toBe('home');
    expect(after.azimuth).toBe(before.azimuth);
    expect(after.polar).toBe(before.polar);
    expect(after.distance).toBe(before.distance);
  });
});
