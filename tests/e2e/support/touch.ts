import type { Browser, BrowserContext, Page } from 'playwright-core';
import { openRecordedPage } from './chromium.js';
import { toPage } from './draw.js';

type Pt = [number, number];

/** A touch tablet: touch events, mobile viewport, a 2x screen (the pen page must be devicePixelRatio aware). */
export const TABLET_PORTRAIT = { width: 820, height: 1180 } as const;
export const TABLET_LANDSCAPE = { width: 1180, height: 820 } as const;

/** A tablet-like page recording every console error, uncaught exception and failed request. */
export async function openTablet(browser: Browser, viewport: { width: number; height: number } = TABLET_PORTRAIT): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  return openRecordedPage(browser, { viewport, deviceScaleFactor: 2, hasTouch: true, isMobile: true, locale: 'en-GB' });
}

/**
 * Draws strokes (100 x 100 box, y down) with a finger through CDP touch
 * events, as a tablet's touch screen delivers them: the page sees real
 * pointerdown/move/up events of pointerType "touch".
 */
export async function drawWithFinger(page: Page, selector: string, strokes: Pt[][]): Promise<void> {
  const box = await page.locator(selector).boundingBox();
  if (!box) throw new Error(`${selector} is not visible`);
  // The middle of the surface, clear of the buttons and labels at its edges.
  const inner = { x: box.x + box.width * 0.2, y: box.y + box.height * 0.2, width: box.width * 0.6, height: box.height * 0.6 };
  const cdp = await page.context().newCDPSession(page);
  for (const stroke of strokes) {
    const points = stroke.map((p) => {
      const [x, y] = toPage(inner, p);
      return { x, y };
    });
    const [first, ...rest] = points;
    if (!first) continue;
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [first] });
    for (const p of rest) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [p] });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  }
  await cdp.detach();
}

/**
 * Draws strokes (100 x 100 box, y down) with a stylus through CDP mouse events
 * of pointerType "pen": the page sees pointer events of pointerType "pen" with
 * pressure, as from an Apple Pencil, an S Pen or a pen display. Before each
 * stroke the pen hovers over the surface (moves with no button), which must
 * leave no ink.
 */
export async function drawWithStylus(page: Page, selector: string, strokes: Pt[][], pressureAt: (i: number, n: number) => number): Promise<void> {
  const box = await page.locator(selector).boundingBox();
  if (!box) throw new Error(`${selector} is not visible`);
  const inner = { x: box.x + box.width * 0.2, y: box.y + box.height * 0.2, width: box.width * 0.6, height: box.height * 0.6 };
  const cdp = await page.context().newCDPSession(page);
  const pen = { pointerType: 'pen' as const };
  for (const stroke of strokes) {
    const points = stroke.map((p) => toPage(inner, p));
    const [first] = points;
    if (!first) continue;
    await cdp.send('Input.dispatchMouseEvent', { type: 'mouseMoved', x: first[0] - 30, y: first[1] - 30, buttons: 0, ...pen });
    await cdp.send('Input.dispatchMouseEvent', { type: 'mouseMoved', x: first[0], y: first[1], buttons: 0, ...pen });
    for (let i = 0; i < points.length; i++) {
      const [x, y] = points[i]!;
      const force = pressureAt(i, points.length);
      if (i === 0) await cdp.send('Input.dispatchMouseEvent', { type: 'mousePressed', x, y, button: 'left', buttons: 1, clickCount: 1, force, ...pen });
      else await cdp.send('Input.dispatchMouseEvent', { type: 'mouseMoved', x, y, button: 'left', buttons: 1, force, ...pen });
    }
    const [lx, ly] = points[points.length - 1]!;
    await cdp.send('Input.dispatchMouseEvent', { type: 'mouseReleased', x: lx, y: ly, button: 'left', buttons: 0, clickCount: 1, ...pen });
    await cdp.send('Input.dispatchMouseEvent', { type: 'mouseMoved', x: lx + 25, y: ly + 25, buttons: 0, ...pen });
  }
  await cdp.detach();
}

/** Taps the centre of an element with a finger. */
export async function tap(page: Page, selector: string): Promise<void> {
  await page.locator(selector).tap();
}
