import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SYNTHETIC_DIGITS } from '../support/synthetic-digits.js';
import { openDisplay, WAIT, type DisplaySession } from './support/display-session.js';
import { drawWithMouse, sparse } from './support/draw.js';
import type { PageGlobals } from './support/page-globals.js';
import { compareWithReference, SCREENSHOT_TOLERANCE } from './support/screenshot-check.js';

// The timeline on the real display page with the real hub and the default
// model (35 snapshots), in Chromium with SwiftShader: every scrub step is a
// software-rendered frame, so the test takes few of them.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const results = path.join(root, 'test-results');

let session: DisplaySession | undefined;
let page: Page;
let errors: string[];

beforeAll(async () => {
  await mkdir(results, { recursive: true });
  session = await openDisplay();
  ({ page, errors } = session);
});
afterAll(async () => {
  await session?.close();
});
afterEach(() => {
  expect(errors).toEqual([]);
});

const hook = () => page.evaluate(() => (globalThis as unknown as PageGlobals).__kiosk!);
const textures = () => page.evaluate(() => (globalThis as unknown as PageGlobals).__kiosk!.info().textures);
const timeline = async () => (await hook()).timeline!;
const nextPaint = () => page.evaluate(() => new Promise<void>((resolve) => (globalThis as unknown as PageGlobals).requestAnimationFrame(resolve)));

/** The bars as visitors see them: each digit's fill (scaleX) and the big guess. */
async function shownBars(): Promise<{ digit: string; fills: number[] }> {
  return page.evaluate(() => {
    const { document } = globalThis as unknown as PageGlobals & { document: { querySelectorAll(s: string): ArrayLike<{ style: { transform: string } }> } };
    const fills = Array.from(document.querySelectorAll('.bar-fill'), (f) => Number(/scaleX\(([\d.]+)\)/.exec(f.style.transform)?.[1] ?? 0));
    return { digit: document.getElementById('guess-digit')?.textContent ?? '', fills };
  });
}

/** Clicks the scrubber's track where snapshot `position` (fractional between ticks) sits, and waits until it is shown. */
async function scrubTo(position: number, snapshots = 35): Promise<void> {
  // The lane is inset in the track by half a thumb: both ends are inside the track's hit area.
  const box = (await page.locator('#timeline-lane').boundingBox())!;
  const steps = (await timeline()).scrubSteps;
  await page.mouse.click(box.x + (box.width * position) / (snapshots - 1), box.y + box.height / 2);
  await page.waitForFunction((s) => ((globalThis as unknown as PageGlobals).__kiosk?.timeline?.scrubSteps ?? 0) > s, steps, WAIT);
  await nextPaint();
}

/**
 * A screenshot of the latest state: draw the wall now (litPixels renders in
 * the same task) rather than race the next frame, and give SwiftShader room
 * on a loaded machine (a screenshot waits for a composited frame; at a load
 * of 10 on 2 cores that took over the 30 s default, with or without the curve).
 */
async function shot(name: string): Promise<void> {
  await page.evaluate(() => (globalThis as unknown as PageGlobals).__kiosk!.litPixels());
  await page.screenshot({ path: path.join(results, name), timeout: 120_000 });
}

/** The curve over the scrubber as drawn: polyline points (0..1000 x 0..100 box), legend, the marker dot. */
async function curveState() {
  const points = async (selector: string) =>
    ((await page.locator(selector).getAttribute('points')) ?? '')
      .split(' ')
      .filter(Boolean)
      .map((p) => p.split(',').map(Number) as [number, number]);
  const accuracy = await points('.timeline-curve-accuracy');
  const plot = (await page.locator('.timeline-curve-plot').boundingBox())!;
  const ticks = await Promise.all((await page.locator('.timeline-tick').all()).map(async (t) => {
    const box = (await t.boundingBox())!;
    return box.x + box.width / 2;
  }));
  const dot = page.locator('.timeline-curve-dot');
  return {
    accuracy,
    loss: await points('.timeline-curve-loss'),
    legend: await page.locator('.timeline-curve-key').allTextContents(),
    dotLeft: await dot.evaluate((d) => (d as unknown as { style: { left: string } }).style.left),
    dotTop: await dot.evaluate((d) => (d as unknown as { style: { top: string } }).style.top),
    pointsOverTicks: ticks.length === accuracy.length && accuracy.every(([x], i) => Math.abs(plot.x + (x / 1000) * plot.width - ticks[i]!) < 1.5),
  };
}

describe('display timeline', () => {
  it('opens the timeline on a drawn 7: every snapshot on the GPU, every snapshot\'s answer from the hub', async () => {
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).__kiosk?.weightsSnapshot === 'dataset_50x', null, WAIT);
    await drawWithMouse(page, '#pad', sparse(SYNTHETIC_DIGITS[7]!, 6));
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).document.getElementById('guess-digit')?.textContent === '7', null, WAIT);
    const texturesBefore = await textures();

    await page.click('#timeline-open');
    await page.waitForFunction(() => {
      const k = (globalThis as unknown as PageGlobals).__kiosk!;
      const t = k.timeline;
      return !!t && t.open && t.snapshotsOnGpu === 35 && t.lastFrame?.seq === k.lastFrame?.seq && t.shownSeq === k.lastFrame?.seq;
    }, null, WAIT);
    const state = await timeline();
    // Opens at the hub's snapshot: the trained network.
    expect(state.position).toBe(34);
    expect(state.pair).toEqual(['dataset_50x', 'dataset_50x']);
    expect(state.lastFrame!.snapshots).toHaveLength(35);
    // 35 snapshots x 109,184 weights as float16, in one array texture (rows padded to 2048 texels).
    expect(state.weightsBytes).toBe(35 * 2048 * Math.ceil(109_184 / 2048) * 2);
    expect(state.weightsBytes).toBeLessThan(8 * 1024 * 1024);
    await nextPaint();
    expect(await textures()).toBe(texturesBefore + 1);
    expect((await shownBars()).digit).toBe('7');
    expect(await page.locator('.timeline-images').textContent()).toBe('after 50 × all 60,000 images');
    expect(await page.locator('.timeline-accuracy').textContent()).toMatch(/^9\d\.\d% of test digits right$/);
    // The training curve over the scrubber: every snapshot's accuracy, every trained one's loss, the dot at the thumb.
    const curve = await curveState();
    expect(curve.accuracy).toHaveLength(35);
    expect(curve.loss).toHaveLength(34);
    expect(curve.legend).toEqual(['test digits right', 'training error (loss)']);
    expect(curve.dotLeft).toBe('100%');
    expect(curve.accuracy.at(-1)![1]).toBeLessThan(5); // 98% right: near the top of the 0..100 box
    // Each point sits above its tick (evenly spaced like the ticks, not by images seen).
    expect(curve.accuracy[17]![0]).toBeCloseTo(500, 0);
    expect(curve.pointsOverTicks).toBe(true);
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).__kiosk!.wave!.progress() === 1, null, WAIT);
    await page.evaluate(() => (globalThis as unknown as PageGlobals).__kiosk!.litPixels());
    expect((await compareWithReference(page, 'timeline-trained')).differentShare).toBeLessThan(SCREENSHOT_TOLERANCE);
  });

  it('random weights: the bars are near flat and the thumb sits at "random weights"', async () => {
    await scrubTo(0);
    const state = await timeline();
    expect(state.position).toBe(0);
    expect(state.pair[0]).toBe('initial');
    expect(state.mix).toBe(0);
    const { fills } = await shownBars();
    expect(Math.max(...fills)).toBeLessThan(0.3);
    expect(Math.min(...fills)).toBeGreaterThan(0.02);
    expect(await page.locator('.timeline-images').textContent()).toBe('Random weights: nothing learned yet');
    expect(await page.locator('.timeline-accuracy').textContent()).toBe('9.6% of test digits right');
    const curve = await curveState();
    expect(curve.dotLeft).toBe('0%');
    expect(Number.parseFloat(curve.dotTop)).toBeCloseTo((1 - 0.0959) * 100, 1);
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).__kiosk!.wave!.progress() === 1, null, WAIT);
    await page.evaluate(() => (globalThis as unknown as PageGlobals).__kiosk!.litPixels());
    expect((await compareWithReference(page, 'timeline-random')).differentShare).toBeLessThan(SCREENSHOT_TOLERANCE);
  });

  it('a position between two snapshots morphs: weights and activations mixed, bars between the two answers', async () => {
    const uploadsBefore = (await hook()).uploads.weightsBytes;
    const texturesBefore = await textures();
    await scrubTo(5.5);
    const state = await timeline();
    expect(state.pair).toEqual(['approx_1k', 'approx_2k']);
    expect(state.mix).toBeGreaterThan(0.4);
    expect(state.mix).toBeLessThan(0.6);
    const a = state.lastFrame!.snapshots[5]!.probabilities;
    const b = state.lastFrame!.snapshots[6]!.probabilities;
    const { fills } = await shownBars();
    fills.forEach((f, k) => expect(f).toBeCloseTo((1 - state.mix) * a[k]! + state.mix * b[k]!, 3));
    expect(await page.locator('.timeline-images').textContent()).toMatch(/^after (1,024|2,048) images$/);
    await shot('timeline-morph.png');

    // Scrubbing uploads only the activations (~1k floats) and the mix uniforms: no weights, no new textures.
    // The activation texture holds two states (shown and new: the propagation wave) of 986 floats each.
    expect(state.scrubUploadBytes).toBeLessThanOrEqual(2 * 986 * 4 + 64);
    expect(state.scrubUploadBytes).toBeGreaterThanOrEqual(2 * 986 * 4);
    await scrubTo(20);
    const after = await hook();
    expect(after.timeline!.scrubUploadBytes).toBeLessThanOrEqual(2 * 986 * 4 + 64);
    expect(after.uploads.weightsBytes).toBe(uploadsBefore);
    expect(await textures()).toBe(texturesBefore);
    expect(after.timeline!.weightsBytes).toBe(35 * 2048 * 54 * 2);
  });

  it('at 50 passes the visitor\'s 7 is recognised again, and the ticks show each snapshot\'s guess', async () => {
    await scrubTo(34);
    const state = await timeline();
    expect(state.pair).toEqual(['dataset_50x', 'dataset_50x']);
    const { digit, fills } = await shownBars();
    expect(digit).toBe('7');
    expect(fills[7]).toBeGreaterThan(0.5);
    const cells = await page.locator('.timeline-cell-digit').allTextContents();
    expect(cells).toHaveLength(35);
    expect(cells.at(-1)).toBe('7');
  });

  it('plays from random weights towards the trained network, and pauses', async () => {
    await scrubTo(0);
    await page.click('#timeline-play');
    await page.waitForFunction(() => ((globalThis as unknown as PageGlobals).__kiosk?.timeline?.position ?? 0) > 1, null, WAIT);
    await page.click('#timeline-play');
    const paused = (await timeline()).position;
    expect(paused).toBeGreaterThan(1);
    await nextPaint();
    await nextPaint();
    expect((await timeline()).position).toBe(paused);
  });

  it('a new drawing while the timeline is open is classified by every snapshot', async () => {
    await page.click('#clear');
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).__kiosk?.timeline?.lastFrame?.empty === true, null, WAIT);
    await drawWithMouse(page, '#pad', sparse(SYNTHETIC_DIGITS[1]!, 4));
    await page.waitForFunction(() => {
      const k = (globalThis as unknown as PageGlobals).__kiosk!;
      return k.lastFrame?.empty === false && k.timeline?.shownSeq === k.lastFrame.seq;
    }, null, WAIT);
    await scrubTo(34);
    expect((await shownBars()).digit).toBe('1');
  });

  it('Back returns to the live snapshot: live weights, the live frame\'s bars', async () => {
    await scrubTo(3);
    await page.click('#timeline-back');
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).__kiosk?.timeline?.open === false, null, WAIT);
    await nextPaint();
    const k = await hook();
    const { fills, digit } = await shownBars();
    fills.forEach((f, i) => expect(f).toBeCloseTo(k.lastFrame!.probabilities[i]!, 3));
    expect(digit).toBe('1');
    expect(await page.locator('#timeline-open').isVisible()).toBe(true);
    await shot('timeline-closed.png');
  });
});
