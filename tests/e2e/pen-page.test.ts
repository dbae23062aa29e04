import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PenTestHook } from '../../renderer/pen/pen-hook.js';
import { SYNTHETIC_DIGITS } from '../support/synthetic-digits.js';
import { launchChromium } from './support/chromium.js';
import { WAIT } from './support/display-session.js';
import { sparse } from './support/draw.js';
import { startPenStandIn, welcome, type PenStandIn, type StandInMessage } from './support/pen-stand-in.js';
import { drawWithFinger, openTablet, TABLET_LANDSCAPE, TABLET_PORTRAIT } from './support/touch.js';

// The built pen page in Debian's Chromium as a touch tablet (hasTouch,
// isMobile, 2x screen), against a scripted protocol stand-in (see
// support/pen-stand-in.ts: it recognises nothing; the real hub is in
// pen-hub.test.ts). Any console error or uncaught exception fails a test.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const results = path.join(root, 'test-results');

type Globals = { __pen?: PenTestHook; location: { href: string; hash: string }; localStorage: { getItem(k: string): string | null } };
const pen = (page: Page) => page.evaluate(() => {
  const hook = (globalThis as unknown as Globals).__pen!;
  return { link: hook.link, problem: hook.problem, language: hook.language, strokes: hook.drawing.strokes, sent: hook.sent, maxBatchPoints: hook.maxBatchPoints, welcomes: hook.welcomes };
});
const waitLink = (page: Page, link: string) => page.waitForFunction((l) => (globalThis as unknown as Globals).__pen?.link === l, link, WAIT);
const text = async (page: Page, selector: string) => (await page.locator(selector).textContent())?.trim();
const last = <T>(list: readonly T[]): T => list[list.length - 1]!;

let browser: Browser;
let standIn: PenStandIn;
let context: BrowserContext;
let page: Page;
let errors: string[];

beforeAll(async () => {
  await mkdir(results, { recursive: true });
  browser = await launchChromium();
  standIn = await startPenStandIn();
  ({ context, page, errors } = await openTablet(browser, TABLET_PORTRAIT));
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await standIn?.close();
});

afterEach(() => {
  expect(errors).toEqual([]);
});

describe('pen page (against a protocol stand-in)', () => {
  it('asks for the PIN when it has no token; a wrong PIN is refused calmly, the right one pairs and the device token is kept', async () => {
    standIn.onHello = (hello, ws) => {
      const auth = hello.auth as { kind: string; pin?: string };
      if (auth.kind === 'pin' && auth.pin === '246810') {
        standIn.send(ws, { type: 'paired', deviceId: 'dev-1', deviceToken: 'DeviceToken_0123456789abcdefghijklmnopqrstu' });
        standIn.send(ws, welcome);
      } else if (auth.kind === 'device') {
        standIn.send(ws, welcome);
      } else {
        standIn.send(ws, { type: 'error', code: 'unauthorized', message: 'wrong PIN' });
        ws.close(4401);
      }
    };
    await page.goto(standIn.url);
    await waitLink(page, 'not-paired');
    expect(await page.locator('#pin').isVisible()).toBe(true);
    expect(standIn.connections).toHaveLength(0);
    await page.screenshot({ path: path.join(results, 'pen-pin-portrait.png') });

    for (const d of '111111') await page.locator(`#keypad button[data-key="${d}"]`).tap();
    await page.waitForFunction(() => (globalThis as unknown as Globals).__pen?.problem === 'wrong-pin', null, WAIT);
    expect(await text(page, '#pin-problem')).toBe('That code did not work. Please try again.');
    expect(last(standIn.connections)[0]).toMatchObject({ type: 'hello', role: 'pen', protocol: 1, auth: { kind: 'pin', pin: '111111' } });

    // Typing with a fix: 2-4-6-9, delete, 8-1-0.
    for (const d of ['2', '4', '6', '9', 'back', '8', '1', '0']) await page.locator(`#keypad button[data-key="${d}"]`).tap();
    await waitLink(page, 'paired');
    expect(await page.locator('#pin').isVisible()).toBe(false);
    expect(await text(page, '#link')).toBe('Connected');
    expect(await page.evaluate(() => (globalThis as unknown as Globals).localStorage.getItem('mlp-kiosk.pen.device-token'))).toBe('DeviceToken_0123456789abcdefghijklmnopqrstu');
    // Right after the welcome the whole drawing goes, even when empty.
    await page.waitForFunction(() => (globalThis as unknown as Globals).__pen?.sent.includes('drawing'), null, WAIT);
    expect(last(standIn.connections).map((m) => m.type)).toEqual(['hello', 'drawing']);
  });

  it('streams a 7 drawn with a finger as stroke-begin / points / end batches and shows the guess it gets back', async () => {
    const conn = last(standIn.connections);
    conn.splice(0);
    await drawWithFinger(page, '#ink', sparse(SYNTHETIC_DIGITS[7]!, 12));
    await page.waitForFunction(() => (globalThis as unknown as Globals).__pen?.sent.includes('stroke-end'), null, WAIT);
    // (A slow machine may take over 5 s to draw: heartbeat pings can come between the batches.)
    const ink = () => conn.filter((m) => m.type !== 'ping');
    await expect.poll(() => ink().map((m) => m.type).at(-1), WAIT).toBe('stroke-end');
    const types = ink().map((m) => m.type);
    expect(types[0]).toBe('stroke-begin');
    expect(types.slice(1, -1).every((t) => t === 'stroke-points')).toBe(true);
    const points = ink().flatMap((m) => (m.points as number[][] | undefined) ?? []);
    const { strokes, maxBatchPoints } = await pen(page);
    // Every point drawn went out exactly once, in order, in CSS pixels of the surface.
    expect(points).toEqual(strokes[0]);
    expect(points.length).toBeGreaterThanOrEqual(11);
    expect(maxBatchPoints).toBeLessThanOrEqual(256);
    for (const m of ink()) if ('stroke' in m) expect(m.stroke).toBe(0);
    for (const [x, y] of points as [number, number][]) {
      expect(x).toBeGreaterThan(0);
      expect(x).toBeLessThan(TABLET_PORTRAIT.width);
      expect(y).toBeGreaterThan(0);
      expect(y).toBeLessThan(TABLET_PORTRAIT.height);
    }
    // The stand-in scripts the hub's answer; the page must show it.
    standIn.send([...standIn.sockets][0]!, { type: 'guess', digit: 7, confidence: 0.93, empty: false, stroke: 0, points: points.length });
    await page.waitForFunction(() => (globalThis as unknown as { document: { getElementById(id: string): { textContent: string | null } | null } }).document.getElementById('guess-digit')?.textContent === '7', null, WAIT);
    expect(await text(page, '#guess-label')).toBe('93% sure');
    await page.screenshot({ path: path.join(results, 'pen-drawn-7-portrait.png') });
  });

  it('shows the drawer rule at a glance', async () => {
    const ws = [...standIn.sockets][0]!;
    standIn.send(ws, { type: 'drawer', active: false, holder: 'Tablet 2', free: false, idleTakeoverMs: 4000 });
    await page.waitForFunction(() => (globalThis as unknown as { document: { getElementById(id: string): { textContent: string | null } | null } }).document.getElementById('turn')?.textContent?.startsWith('Someone else'), null, WAIT);
    expect(await text(page, '#turn')).toMatch(/^Someone else is drawing — your turn in [34] s$/);
    standIn.send(ws, { type: 'drawer', active: false, holder: 'Tablet 2', free: true, idleTakeoverMs: 4000 });
    await expect.poll(() => text(page, '#turn'), WAIT).toBe('Your turn');
  });

  it('reconnects by itself after the link drops mid-drawing and re-sends the whole drawing', async () => {
    const before = standIn.connections.length;
    // A second stroke is begun, then the link dies under the finger.
    const box = (await page.locator('#ink').boundingBox())!;
    const cdp = await context.newCDPSession(page);
    const at = (fx: number, fy: number) => ({ x: box.x + box.width * fx, y: box.y + box.height * fy });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [at(0.3, 0.55)] });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [at(0.4, 0.55)] });
    for (const ws of standIn.sockets) ws.terminate();
    await waitLink(page, 'reconnecting');
    expect(await text(page, '#link')).toBe('Reconnecting…');
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [at(0.5, 0.55)] });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await cdp.detach();
    await waitLink(page, 'paired');
    expect(standIn.connections.length).toBe(before + 1);
    const conn = last(standIn.connections);
    await expect.poll(() => conn.some((m) => m.type === 'drawing'), WAIT).toBe(true);
    expect(conn[0]).toMatchObject({ type: 'hello', auth: { kind: 'device', token: 'DeviceToken_0123456789abcdefghijklmnopqrstu' } });
    const { strokes } = await pen(page);
    expect(strokes).toHaveLength(2);
    // The drawing goes whole after the welcome; points the finger added after that (on a slow
    // machine the link can be back before the last move arrives) follow as stroke-points.
    await expect.poll(() => conn.at(-1)?.type === 'stroke-end' || conn.at(-1)?.type === 'drawing', WAIT).toBe(true);
    const sentAt = conn.findIndex((m) => m.type === 'drawing');
    const drawing = structuredClone((conn[sentAt] as StandInMessage & { strokes: number[][][] }).strokes);
    for (const m of conn.slice(sentAt + 1)) if (m.type === 'stroke-points') drawing.at(-1)!.push(...(m.points as number[][]));
    expect(drawing).toEqual(strokes);
  });

  it('Undo removes the last stroke and Clear the rest, on the tablet and at the hub', async () => {
    const conn = last(standIn.connections);
    await page.locator('#undo').tap();
    await expect.poll(async () => (await pen(page)).strokes.length, WAIT).toBe(1);
    await page.locator('#clear').tap();
    await expect.poll(async () => (await pen(page)).strokes.length, WAIT).toBe(0);
    await expect.poll(() => conn.map((m) => m.type).slice(-2), WAIT).toEqual(['undo', 'clear']);
    expect(await text(page, '#guess-digit')).toBe('?');
  });

  it('follows the exhibit\'s language', async () => {
    for (const ws of standIn.sockets) ws.terminate();
    standIn.onHello = (_hello, ws) => standIn.send(ws, { ...welcome, language: 'de' });
    await page.waitForFunction(() => (globalThis as unknown as Globals).__pen?.language === 'de', null, WAIT);
    await waitLink(page, 'paired');
    expect(await text(page, '#undo')).toBe('Zurück');
    expect(await text(page, '#clear')).toBe('Löschen');
    expect(await text(page, '#link')).toBe('Verbunden');
    standIn.onHello = (_hello, ws) => standIn.send(ws, welcome);
  });

  it('keeps still: no scrolling, zooming, selection or context menu', async () => {
    const state = await page.evaluate(() => {
      const g = globalThis as unknown as {
        document: { body: { dispatchEvent(e: unknown): boolean }; querySelector(s: string): { getAttribute(n: string): string | null } | null; getElementById(id: string): unknown };
        MouseEvent: new (t: string, i: object) => { defaultPrevented: boolean };
        getComputedStyle(e: unknown): { userSelect: string; overflow: string; touchAction: string };
      };
      const menu = new g.MouseEvent('contextmenu', { bubbles: true, cancelable: true });
      g.document.body.dispatchEvent(menu);
      const body = g.getComputedStyle(g.document.body);
      return { menu: menu.defaultPrevented, select: body.userSelect, overflow: body.overflow, touch: g.getComputedStyle(g.document.getElementById('ink')).touchAction, viewport: g.document.querySelector('meta[name=viewport]')?.getAttribute('content') };
    });
    expect(state).toMatchObject({ menu: true, select: 'none', overflow: 'hidden', touch: 'none' });
    expect(state.viewport).toContain('user-scalable=no');
  });

  it('after too many wrong PINs the keypad rests for the time the hub says, then works again', async () => {
    const other = await openTablet(browser, TABLET_PORTRAIT);
    try {
      standIn.onHello = (_hello, ws) => {
        standIn.send(ws, { type: 'error', code: 'locked-out', message: 'too many wrong PINs', retryAfterMs: 2500 });
        ws.close(4429);
      };
      await other.page.goto(standIn.url);
      await waitLink(other.page, 'not-paired');
      for (const d of '999999') await other.page.locator(`#keypad button[data-key="${d}"]`).tap();
      await other.page.waitForFunction(() => (globalThis as unknown as Globals).__pen?.problem === 'locked-out', null, WAIT);
      expect(await text(other.page, '#pin-problem')).toMatch(/^Too many tries\. Please wait [23] s\.$/);
      expect(await other.page.locator('#keypad button[data-key="1"]').isDisabled()).toBe(true);
      await expect.poll(() => other.page.locator('#keypad button[data-key="1"]').isDisabled(), WAIT).toBe(false);
      expect(await text(other.page, '#pin-problem')).toBe('');
      expect(other.errors).toEqual([]);
    } finally {
      await other.context.close();
    }
  });

  it('pairs from the QR code\'s link, removes the token from the address bar, and lays out in landscape', async () => {
    const tablet = await openTablet(browser, TABLET_LANDSCAPE);
    try {
      standIn.onHello = (_hello, ws) => {
        standIn.send(ws, { type: 'paired', deviceId: 'dev-2', deviceToken: 'SecondDeviceToken_0123456789abcdefghijklmno' });
        standIn.send(ws, { ...welcome, deviceId: 'dev-2' });
      };
      await tablet.page.goto(`${standIn.url}#pair=PairToken_0123456789ab`);
      await waitLink(tablet.page, 'paired');
      expect(last(standIn.connections)[0]).toMatchObject({ type: 'hello', auth: { kind: 'pair', token: 'PairToken_0123456789ab' } });
      expect(await tablet.page.evaluate(() => (globalThis as unknown as Globals).location.href)).toBe(standIn.url);
      await drawWithFinger(tablet.page, '#ink', sparse(SYNTHETIC_DIGITS[3]!, 14));
      standIn.send(last([...standIn.sockets]), { type: 'guess', digit: 3, confidence: 0.88, empty: false, stroke: 0, points: 14 });
      await expect.poll(() => text(tablet.page, '#guess-digit'), WAIT).toBe('3');
      await tablet.page.screenshot({ path: path.join(results, 'pen-drawn-3-landscape.png') });
      expect(tablet.errors).toEqual([]);
    } finally {
      await tablet.context.close();
    }
  });
});
