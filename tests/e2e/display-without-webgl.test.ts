import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNTHETIC_DIGITS } from '../support/synthetic-digits.js';
import { openDisplay, WAIT, type DisplaySession } from './support/display-session.js';
import { drawWithMouse, sparse } from './support/draw.js';
import type { PageGlobals } from './support/page-globals.js';

// The display in a Chromium whose WebGL is switched off (--disable-3d-apis),
// as on an exhibit PC with a blocklisted driver: the 3D view steps aside with
// a calm note and the exhibit still answers a drawn digit.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

let session: DisplaySession | undefined;
let page: Page;
let errors: string[];

beforeAll(async () => {
  session = await openDisplay(['--disable-3d-apis']);
  ({ page, errors } = session);
});

afterAll(async () => {
  await session?.close();
});

describe('display page without WebGL', () => {
  it('shows a calm note instead of the 3D view, and still recognises a drawn 7', async () => {
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).__kiosk?.status === 'connected', null, WAIT);
    const note = await page.evaluate(() => {
      const { document } = globalThis as unknown as PageGlobals;
      const el = document.getElementById('no-3d-note');
      return { noThreeD: document.body.classList.contains('no-3d'), text: el?.textContent ?? '', shown: el ? el.offsetHeight > 0 : false };
    });
    expect(note).toEqual({ noThreeD: true, text: expect.stringContaining('still answers'), shown: true });

    await drawWithMouse(page, '#pad', sparse(SYNTHETIC_DIGITS[7]!, 6));
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).document.getElementById('guess-digit')?.textContent === '7', null, WAIT);
    const frame = await page.evaluate(() => (globalThis as unknown as PageGlobals).__kiosk!.lastFrame!);
    expect(frame.probabilities.indexOf(Math.max(...frame.probabilities))).toBe(7);
    await page.screenshot({ path: path.join(root, 'test-results', 'display-without-webgl.png') });

    // three.js reports the refused context itself; nothing else may go wrong.
    expect(errors.filter((e) => !/THREE\.WebGLRenderer: .*WebGL context could not be created|Error creating WebGL context/.test(e))).toEqual([]);
  });
});
