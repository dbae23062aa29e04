import type { Browser, BrowserContext, Page } from 'playwright-core';
import { silentLog } from '../../../main/hub/hub-log.js';
import { startHub, type RunningHub, type StartHubOptions } from '../../../main/hub/start-hub.js';
import { launchChromium, openPage } from './chromium.js';
import type { PageGlobals } from './page-globals.js';
import { REFERENCE_MANIFEST } from '../../helpers/fixtures.js';

/** Waiting for a software-rendered page: generous timeout, frequent polls. */
export const WAIT = { timeout: 60_000, polling: 100 } as const;

export interface DisplaySession {
  readonly hub: RunningHub;
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console errors, uncaught exceptions and failed requests seen so far. */
  readonly errors: string[];
  close(): Promise<void>;
}

/** The display URL with page options (e.g. `cameraIdle=1500`) before the secret's fragment. */
export function withQuery(displayUrl: string, query: string): string {
  return query ? displayUrl.replace('#', `?${query}#`) : displayUrl;
}

/**
 * The display URL with attract mode held off for an hour: it has its own
 * tests (display-attract.test.ts); elsewhere it would start drawing its demo
 * digits into a test that waits on slow software frames for 45 s.
 */
export function withoutAttract(displayUrl: string): string {
  return displayUrl.includes('?') ? displayUrl.replace('?', '?idle=3600000&') : displayUrl.replace('/display/#', '/display/?idle=3600000#');
}

/**
 * The real hub and the built display page open in Debian's Chromium (dist/ is
 * built by the global setup). The hub shows the reference export (a fixed
 * copy in tests/fixtures), not exports/: what the pages show, screenshots
 * included, must not change when the default model is retrained.
 */
export async function openDisplay(chromiumArgs: readonly string[] = [], options: { query?: string; hub?: Partial<StartHubOptions> } = {}): Promise<DisplaySession> {
  const browser = await launchChromium(chromiumArgs);
  const hub = await startHub({ port: 0, log: silentLog, modelPath: REFERENCE_MANIFEST, ...options.hub });
  const { context, page, errors } = await openPage(browser);
  await page.goto(withoutAttract(withQuery(hub.displayUrl, options.query ?? '')));
  return {
    hub,
    browser,
    context,
    page,
    errors,
    close: async () => {
      await context.close();
      await browser.close();
      await hub.close();
    },
  };
}

/** Waits until the page has the default snapshot's weights on the GPU and has shown a frame: ready for drawing. */
export async function displayReady(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const k = (globalThis as unknown as PageGlobals).__kiosk;
    return k?.weightsSnapshot === 'dataset_50x' && k.frames > 0;
  }, null, WAIT);
}
