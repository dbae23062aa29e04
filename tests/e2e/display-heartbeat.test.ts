import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDisplay, WAIT, type DisplaySession } from './support/display-session.js';

// The display page's side of the shell's watchdog, for real: the built page
// in Chromium (SwiftShader) heartbeats to the real hub with its frame rate,
// and reloads itself when the hub says `reload` (the Chromium shell's
// reloadDisplay). Frame rates here prove only that frames are counted.
let session: DisplaySession | undefined;
let page: Page;
let errors: string[];

beforeAll(async () => {
  session = await openDisplay();
  ({ page, errors } = session);
});
afterAll(async () => {
  await session?.close();
});
afterEach(() => {
  expect(errors).toEqual([]);
});

async function until<T>(read: () => T, ok: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + WAIT.timeout;
  for (;;) {
    const value = read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting; last value ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, WAIT.polling));
  }
}

describe('display heartbeat', () => {
  it('the page heartbeats with the frame rate it measures', async () => {
    const hub = session!.hub;
    const health = await until(() => hub.displayHealth(), (h) => h.displays === 1 && typeof h.fps === 'number' && h.fps > 0);
    expect(health.lastHeartbeatAt).toBeGreaterThan(0);
  });

  it('reloads itself when the hub says so, and comes back', async () => {
    const hub = session!.hub;
    await page.evaluate(() => {
      (globalThis as unknown as { beforeReload?: boolean }).beforeReload = true;
    });
    const before = hub.displayHealth().lastHeartbeatAt ?? 0;
    hub.reloadDisplays('e2e');
    // A fresh document has lost the mark; its hello is a new heartbeat.
    await page.waitForFunction(() => (globalThis as unknown as { beforeReload?: boolean }).beforeReload === undefined, null, WAIT);
    const after = await until(() => hub.displayHealth(), (h) => h.displays === 1 && (h.lastHeartbeatAt ?? 0) > before);
    expect(after.displays).toBe(1);
  });
});
