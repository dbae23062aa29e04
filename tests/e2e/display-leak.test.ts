import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLog } from '../../main/hub/hub-log.js';
import { startHub, type RunningHub } from '../../main/hub/start-hub.js';
import { connectClient, socketOf, type TestClient } from '../unit/main/hub/hub-test-client.js';
import { launchChromium, openPage } from './support/chromium.js';
import { WAIT, withoutAttract, withQuery } from './support/display-session.js';
import type { PageGlobals } from './support/page-globals.js';
import { REFERENCE_MANIFEST } from '../helpers/fixtures.js';

// The leak test: 1,000 updates and 50 snapshot switches leave the
// display's GPU resources (renderer.info.memory geometries and textures) flat,
// and its JS heap within a generous bound. Real hub, real display page in
// Chromium (SwiftShader). The updates and switches come from a second display
// connection in Node, as another display or the operator would send them: the
// hub broadcasts every frame and snapshot change to the page. A small window
// and few lines keep software frames cheap; the number of geometries and
// textures does not depend on how many lines are drawn.
const UPDATES = 1_000;
const SWITCHES = 50;

let hub: RunningHub;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];
let cdp: CDPSession;
let peer: TestClient;
let inkId = 10_000;

beforeAll(async () => {
  hub = await startHub({ port: 0, log: silentLog, modelPath: REFERENCE_MANIFEST });
  browser = await launchChromium();
  ({ context, page, errors } = await openPage(browser, { width: 640, height: 360 }));
  cdp = await context.newCDPSession(page);
  await page.goto(withoutAttract(withQuery(hub.displayUrl, 'connections=64')));
  await page.waitForFunction(() => (globalThis as unknown as PageGlobals).__kiosk?.weightsSnapshot === 'dataset_50x', null, WAIT);
  const { wsUrl, secret } = socketOf(hub.displayUrl);
  peer = await connectClient(wsUrl);
  peer.send({ type: 'hello', role: 'display', protocol: 1, secret });
  await peer.next('welcome');
});

afterAll(async () => {
  peer?.close();
  await browser?.close();
  await hub?.close();
});

const framesShown = () => page.evaluate(() => (globalThis as unknown as PageGlobals).__kiosk!.frames);

/** One update: a stroke that differs from the last, through the real ink pipeline; resolves when the page has shown its frame. */
async function update(i: number): Promise<void> {
  const id = ++inkId;
  const x = 20 + (i % 60);
  peer.send({ type: 'ink', id, strokes: [[[x, 10], [x + 5, 50], [100 - (i % 40), 90]]] });
  await peer.next('frame', 10_000, (f) => f.inkId === id);
}

/** `n` updates, then waits until the page has shown all of them (every frame is broadcast to it too). */
async function updates(n: number, from: number): Promise<void> {
  const before = await framesShown();
  for (let i = 0; i < n; i++) await update(from + i);
  await page.waitForFunction((m) => (globalThis as unknown as PageGlobals).__kiosk!.frames >= m, before + n, WAIT);
}

/** Switches the hub's snapshot and waits until the page has fetched and uploaded its weights. */
async function switchTo(id: string): Promise<void> {
  peer.send({ type: 'select-snapshot', snapshotId: id });
  await peer.next('snapshot', 10_000, (m) => m.snapshotId === id);
  await page.waitForFunction((s) => (globalThis as unknown as PageGlobals).__kiosk!.weightsSnapshot === s, id, WAIT);
}

/** Opens the timeline (its weights of every snapshot: one texture, loaded once per model) and closes it again. */
async function openAndCloseTimeline(): Promise<void> {
  await page.click('#timeline-open');
  await page.waitForFunction(() => {
    const t = (globalThis as unknown as PageGlobals).__kiosk!.timeline;
    return !!t && t.open && t.snapshotsOnGpu > 0;
  }, null, WAIT);
  await page.click('#timeline-back');
  await page.waitForFunction(() => (globalThis as unknown as PageGlobals).__kiosk!.timeline?.open === false, null, WAIT);
}

async function sample(): Promise<{ geometries: number; textures: number; heap: number }> {
  // Whatever is drawn next is drawn now: textures are created by three on first use.
  await page.evaluate(() => (globalThis as unknown as PageGlobals).__kiosk!.litPixels());
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  const info = await page.evaluate(() => (globalThis as unknown as PageGlobals).__kiosk!.info());
  return { geometries: info.geometries, textures: info.textures, heap: heap.usedSize };
}

describe('display resources over many updates and snapshot switches', () => {
  it('1,000 updates and 50 snapshot switches leave geometries and textures flat', async () => {
    const welcome = (await page.evaluate(() => (globalThis as unknown as PageGlobals).__kiosk!.welcome))!;
    const ids = welcome.model.timeline.map((t) => t.id);
    expect(ids.length).toBeGreaterThan(2);

    // Warm-up: every kind of work once, so first-use allocations (shaders, the timeline's texture) are in the baseline.
    await updates(20, 0);
    await switchTo(ids[0]!);
    await switchTo('dataset_50x');
    await openAndCloseTimeline();
    await updates(20, 20);
    const warm = await sample();

    let switches = 0;
    for (let round = 0; round < SWITCHES; round++) {
      await updates(UPDATES / SWITCHES, 40 + round * (UPDATES / SWITCHES));
      // Every snapshot but the one shown, in turn; the last switch returns to the trained network.
      const id = round === SWITCHES - 1 ? 'dataset_50x' : ids[round % (ids.length - 1)]!;
      await switchTo(id);
      switches++;
      // The timeline now and then: its texture is made once per model, not once per opening.
      if (round % 10 === 5) await openAndCloseTimeline();
    }
    const after = await sample();
    const { frames, timelineTexturesOnGpu } = await page.evaluate(() => {
      const k = (globalThis as unknown as PageGlobals).__kiosk!;
      return { frames: k.frames, timelineTexturesOnGpu: k.timeline?.snapshotsOnGpu ?? 0 };
    });
    console.log(JSON.stringify({ leak: { updates: UPDATES, switches, framesShown: frames, timelineSnapshotsOnGpu: timelineTexturesOnGpu, warm, after, heapGrowth: after.heap - warm.heap } }));

    expect(frames).toBeGreaterThan(UPDATES + 40);
    expect(after.geometries).toBe(warm.geometries);
    expect(after.textures).toBe(warm.textures);
    // The heap after a forced GC: within 20% of the warmed-up page.
    expect(after.heap).toBeLessThan(warm.heap * 1.2);
    expect(errors).toEqual([]);
  }, 600_000);
});
