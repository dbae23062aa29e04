import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type ConsoleMessage, type Page } from 'playwright-core';

/**
 * Debian's Chromium, driven by playwright-core (no `npx playwright install`:
 * nothing is downloaded). WebGL runs in SwiftShader, i.e. on the CPU: keep
 * the number of rendered frames small.
 */
export const CHROMIUM_PATH = process.env.KIOSK_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];

export function requireChromium(): string {
  if (!existsSync(CHROMIUM_PATH)) {
    // Fail, never skip: a missing browser must not look like a passing display.
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}. The e2e tests drive Debian's Chromium: install it with \`apt-get install -y chromium\` (or set KIOSK_CHROMIUM to another Chromium binary).`);
  }
  return CHROMIUM_PATH;
}

export async function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: requireChromium(), args: [...CHROMIUM_ARGS, ...extraArgs], headless: true });
}

/** A fresh context and page that record every console error and uncaught exception. */
export async function openPage(browser: Browser, viewport = { width: 1600, height: 900 }): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  return openRecordedPage(browser, { viewport, deviceScaleFactor: 1 });
}

/** A page in a new context with `options`, recording console errors, uncaught exceptions and failed requests. */
export async function openRecordedPage(browser: Browser, options: BrowserContextOptions): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request) => errors.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`));
  return { context, page, errors };
}
