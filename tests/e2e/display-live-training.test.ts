import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SYNTHETIC_DIGITS } from '../support/synthetic-digits.js';
import { displayReady, openDisplay, WAIT, type DisplaySession } from './support/display-session.js';
import { drawWithMouse, sparse } from './support/draw.js';
import type { PageGlobals } from './support/page-globals.js';

// Live training on the real display page: the real hub, its real worker
// training on the first 20,000 MNIST images (ten passes: it never ends on its own here), Chromium with SwiftShader. One
// run, few rendered frames.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const results = path.join(root, 'test-results');

let session: DisplaySession | undefined;
let page: Page;
let errors: string[];

beforeAll(async () => {
  await mkdir(results, { recursive: true });
  // Software rendering on a shared 2-core machine, next to the training worker: 2,000 lines per layer, the wave
  // shown at rest (waveAt), one weights update a second and a short pause after each batch leave the page room to draw.
  session = await openDisplay([], { query: 'waveAt=60000&connections=2000', hub: { liveTraining: { run: { trainLimit: 20_000, testLimit: 1_000, epochs: 10, publishEveryMs: 1_000, batchPauseMs: 5 } } } });
  ({ page, errors } = session);
});
afterAll(async () => {
  await session?.close();
});
afterEach(() => {
  expect(errors).toEqual([]);
});

const live = () => page.evaluate(() => {
  const l = (globalThis as unknown as PageGlobals).__kiosk!.live!;
  return { state: l.state, version: l.version, uploads: l.uploads, uploadBytes: l.uploadBytes, text: l.text() };
});
const text = (id: string) => page.evaluate((i) => (globalThis as unknown as PageGlobals).document.getElementById(i)?.textContent ?? '', id);
const visible = (id: string) => page.evaluate((i) => ((globalThis as unknown as PageGlobals).document.getElementById(i)?.offsetHeight ?? 0) > 0, id);

describe('display live training', () => {
  it('trains a new network from the page: weights stream onto the GPU, the progress line moves, a drawing gets the live network\'s answer, stop returns to the model', { timeout: 300_000 }, async () => {
    await displayReady(page);
    expect(await visible('live-start')).toBe(true);
    expect(await text('live-start')).toBe('Train a new network from scratch');
    const bytesBefore = (await page.evaluate(() => (globalThis as unknown as PageGlobals).__kiosk!.uploads.weightsBytes));

    await page.click('#live-start');
    const startedAt = Date.now();
    await page.waitForFunction(() => {
      const l = (globalThis as unknown as PageGlobals).__kiosk!.live!;
      return l.state === 'running' && l.uploads >= 2;
    }, null, WAIT);
    const first = await live();
    expect(await visible('live-panel')).toBe(true);
    expect(await visible('live-start')).toBe(false);
    expect(await visible('timeline-open')).toBe(false);
    // Only the weights (plus the activations of each frame) go to the GPU: one float texture's worth.
    expect(first.uploadBytes).toBe(bytesBefore);
    expect(first.text).toMatch(/^[\d,]+ images seen · (not tested yet|\d+\.\d% of test digits right)$/);
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).__kiosk!.weightsSnapshot)).toBe('live-training');

    // The progress line changes as the network sees more images.
    await page.waitForFunction((before) => (globalThis as unknown as PageGlobals).__kiosk!.live!.text() !== before, first.text, WAIT);

    await drawWithMouse(page, '#pad', sparse(SYNTHETIC_DIGITS[3]!, 6));
    await page.waitForFunction(() => {
      const f = (globalThis as unknown as PageGlobals).__kiosk!.lastFrame;
      // The drawing's own frames, then the same drawing again on each new set of weights (inkId null).
      return !!f && !f.empty && f.snapshotId === 'live-training';
    }, null, WAIT);
    const frame = (await page.evaluate(() => (globalThis as unknown as PageGlobals).__kiosk!.lastFrame))!;
    expect(frame.backend).toBe('js');
    expect(frame.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    await page.waitForFunction(() => /^\d$/.test((globalThis as unknown as PageGlobals).document.getElementById('guess-digit')?.textContent ?? ''), null, WAIT);
    const during = await live();
    expect(during.uploads).toBeGreaterThan(first.uploads);
    await page.screenshot({ path: path.join(results, 'live-training.png') });
    const seconds = (Date.now() - startedAt) / 1000;

    await page.click('#live-stop');
    await page.waitForFunction(() => {
      const k = (globalThis as unknown as PageGlobals).__kiosk!;
      return k.live!.state === 'stopped' && k.weightsSnapshot === 'dataset_50x' && k.lastFrame?.snapshotId === 'dataset_50x' && !k.lastFrame.empty;
    }, null, WAIT);
    expect(await visible('live-panel')).toBe(false);
    expect(await visible('live-start')).toBe(true);
    expect(await visible('timeline-open')).toBe(true);
    // The trained model reads the visitor's 3 again.
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).document.getElementById('guess-digit')?.textContent === '3', null, WAIT);
    await page.screenshot({ path: path.join(results, 'live-training-stopped.png') });
    // Attract mode (a new visitor's exhibit) stops a run that nobody watches any more.
    await page.click('#live-start');
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).__kiosk!.live!.state === 'running', null, WAIT);
    await page.evaluate(() => (globalThis as unknown as PageGlobals).__kiosk!.attract!.start());
    await page.waitForFunction(() => {
      const k = (globalThis as unknown as PageGlobals).__kiosk!;
      return k.live!.state === 'stopped' && k.attract!.state() === 'attract' && k.weightsSnapshot === 'dataset_50x';
    }, null, WAIT);
    expect(await visible('live-panel')).toBe(false);

    // For the report (not asserted: speed belongs to benchmarks): weight sets that reached this software-rendered page.
    await writeFile(path.join(results, 'live-training-figures.json'), JSON.stringify({ uploads: during.uploads, versions: during.version, uploadBytes: during.uploadBytes, seconds, uploadsPerSecond: during.uploads / seconds }) + '\n');
  });
});
