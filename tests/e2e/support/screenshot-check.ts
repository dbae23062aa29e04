import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pixelmatch from 'pixelmatch';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';

// Screenshot checks: a state of the display, pinned (fixed seed, wave frozen
// or finished, camera still, CSS animations finished), compared pixel by
// pixel with a reference PNG committed in tests/e2e/screenshots/.
//
// The references were made on this project's CI machine (Debian 12's
// Chromium, SwiftShader, its fonts); SwiftShader renders the same pixels for
// the same scene, so the allowed difference only absorbs antialiasing noise.
// After a deliberate change of the look, run the affected tests with
// UPDATE_SCREENSHOTS=1, look at the new references and commit them.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const REFERENCE_DIR = path.join(root, 'tests/e2e/screenshots');
const RESULTS_DIR = path.join(root, 'test-results/screenshots');

export interface ScreenshotComparison {
  /** Share of pixels that differ beyond pixelmatch's colour threshold, 0..1. */
  readonly differentShare: number;
  readonly differentPixels: number;
  /** Where this run's screenshot (and, when they differ, a diff image) were written. */
  readonly actualPath: string;
}

/**
 * Takes a screenshot of the page and compares it with the named reference.
 * The screenshot goes to test-results/screenshots/ either way, so a failure
 * can be looked at; a missing reference is an error (a check that compares
 * with nothing would pass anything).
 */
export async function compareWithReference(page: Page, name: string): Promise<ScreenshotComparison> {
  // A software-rendered frame can take many seconds on a busy machine: wait for it rather than fail.
  const actual = await page.screenshot({ animations: 'disabled', caret: 'hide', timeout: 120_000 });
  await mkdir(RESULTS_DIR, { recursive: true });
  const actualPath = path.join(RESULTS_DIR, `${name}.png`);
  await writeFile(actualPath, actual);
  const referencePath = path.join(REFERENCE_DIR, `${name}.png`);
  if (process.env.UPDATE_SCREENSHOTS === '1') {
    await mkdir(REFERENCE_DIR, { recursive: true });
    await writeFile(referencePath, actual);
  }
  const reference = await readFile(referencePath).catch(() => {
    throw new Error(`no reference screenshot ${path.relative(root, referencePath)}: run this test with UPDATE_SCREENSHOTS=1, look at it, commit it`);
  });
  const a = PNG.sync.read(actual);
  const b = PNG.sync.read(reference);
  if (a.width !== b.width || a.height !== b.height) {
    throw new Error(`screenshot ${name} is ${a.width}x${a.height}, its reference ${b.width}x${b.height}`);
  }
  const diff = new PNG({ width: a.width, height: a.height });
  // threshold 0.1: pixelmatch's perceptual colour distance; antialiased edge pixels are not counted.
  const differentPixels = pixelmatch(a.data, b.data, diff.data, a.width, a.height, { threshold: 0.1 });
  if (differentPixels > 0) await writeFile(path.join(RESULTS_DIR, `${name}.diff.png`), PNG.sync.write(diff));
  return { differentShare: differentPixels / (a.width * a.height), differentPixels, actualPath };
}

/** At most this share of pixels may differ from a reference: a moved label or a wrong colour is far more. */
export const SCREENSHOT_TOLERANCE = 0.002;
