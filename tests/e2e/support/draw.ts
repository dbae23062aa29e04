import type { Page } from 'playwright-core';

type Pt = [number, number];
type Box = { x: number; y: number; width: number; height: number };

/** A point of a 100 x 100 drawing to page coordinates inside `box` (10% margin, as visitors leave one). */
export function toPage(box: Box, [x, y]: Pt): Pt {
  return [box.x + (box.width * (10 + x * 0.8)) / 100, box.y + (box.height * (10 + y * 0.8)) / 100];
}

/**
 * At most `n` points per stroke (first and last kept): on SwiftShader every
 * pointer move costs a rendered frame, so tests draw with few of them.
 */
export function sparse(strokes: Pt[][], n: number): Pt[][] {
  return strokes.map((s) => {
    if (s.length <= n) return s;
    return Array.from({ length: n }, (_, i) => s[Math.round((i * (s.length - 1)) / (n - 1))] as Pt);
  });
}

/** Draws strokes with the mouse as a visitor would: press, move (real pointermove events), release. */
export async function drawWithMouse(page: Page, selector: string, strokes: Pt[][]): Promise<void> {
  const box = await page.locator(selector).boundingBox();
  if (!box) throw new Error(`${selector} is not visible`);
  for (const stroke of strokes) {
    const [first, ...rest] = stroke;
    if (!first) continue;
    await page.mouse.move(...toPage(box, first));
    await page.mouse.down();
    for (const p of rest) await page.mouse.move(...toPage(box, p), { steps: 2 });
    await page.mouse.up();
  }
}
