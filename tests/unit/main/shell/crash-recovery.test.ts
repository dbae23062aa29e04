// Crash recovery's wiring on a fake kiosk window: this machine cannot run
// Electron, so the window is the recording fake from fake-electron.ts (the
// module itself is not even imported here: crash-recovery.ts takes its window
// as a dependency). The policy is the real one; the clock is vitest's fake.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCrashPolicy } from '../../../../app/kiosk/crash-policy.js';
import type { HubLog } from '../../../../main/hub/hub-log.js';
import { setupCrashRecovery } from '../../../../main/shell/crash-recovery.js';
import { isRecoveryPageUrl, recoveryPageUrl } from '../../../../main/shell/recovery-page.js';
import { createFakeElectron, type FakeWindow } from './fake-electron.js';

const DISPLAY = 'http://127.0.0.1:8421/display/#k=secret';
const quiet: HubLog = { info: () => {}, warn: () => {}, error: () => {} };

let fake: ReturnType<typeof createFakeElectron>;
let window: FakeWindow;
let records: string[];
let hubUp: boolean;

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
  fake = createFakeElectron();
  window = new fake.BrowserWindow({});
  window.webContents.url = DISPLAY;
  records = [];
  hubUp = true;
});
afterEach(() => vi.useRealTimers());

function setup(language: 'en' | 'de' = 'en') {
  const recovery = setupCrashRecovery({
    window: window as never,
    displayUrl: DISPLAY,
    recoveryUrl: () => recoveryPageUrl(language),
    policy: createCrashPolicy(),
    record: (cause) => records.push(cause),
    log: quiet,
    now: () => Date.now(),
    probe: async () => hubUp,
  });
  return recovery;
}

const crash = (reason = 'crashed') => window.webContents.emit('render-process-gone', {}, { reason, exitCode: 1 });
const finishLoad = () => window.webContents.emit('did-finish-load');

describe('crash recovery', () => {
  it('reloads a crashed display three times within a minute, then shows the recovery page', async () => {
    const recovery = setup();
    for (let i = 0; i < 3; i++) {
      crash('oom');
      await vi.advanceTimersByTimeAsync(5_000);
    }
    expect(window.webContents.reloads).toBe(3);
    expect(recovery.showingDisplay()).toBe(true);
    crash('crashed');
    expect(window.loaded).toHaveLength(4);
    expect(isRecoveryPageUrl(window.loaded.at(-1) ?? '')).toBe(true);
    expect(recovery.showingDisplay()).toBe(false);
    expect(records).toEqual(['crash:oom', 'crash:oom', 'crash:oom', 'crash:crashed (recovery page)']);
  });

  it('the recovery page retries the display with growing pauses while the hub is down, and stays calm meanwhile', async () => {
    const recovery = setup();
    for (let i = 0; i < 4; i++) crash();
    const recoveryLoads = window.loaded.length;
    hubUp = false;
    await vi.advanceTimersByTimeAsync(5_000); // first retry: hub down, nothing loaded
    await vi.advanceTimersByTimeAsync(9_999); // the next pause is 10 s
    expect(window.loaded).toHaveLength(recoveryLoads);
    hubUp = true;
    await vi.advanceTimersByTimeAsync(1);
    expect(window.loaded.at(-1)).toBe(DISPLAY);
    window.webContents.url = DISPLAY;
    finishLoad();
    expect(recovery.showingDisplay()).toBe(true);
    // Failed retries are not recorded one by one: one record for the episode.
    expect(records.filter((r) => r.endsWith('(recovery page)'))).toHaveLength(1);
  });

  it('a retry whose load fails goes back to the recovery page and tries again later', async () => {
    setup();
    for (let i = 0; i < 4; i++) crash();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(window.loaded.at(-1)).toBe(DISPLAY);
    window.webContents.emit('did-fail-load', {}, -102, 'ERR_CONNECTION_REFUSED', DISPLAY, true);
    expect(isRecoveryPageUrl(window.loaded.at(-1) ?? '')).toBe(true);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(window.loaded.at(-1)).toBe(DISPLAY);
  });

  it('reloads an unresponsive page after a grace period, crashing the hung renderer first', async () => {
    setup();
    window.webContents.emit('unresponsive');
    await vi.advanceTimersByTimeAsync(9_999);
    expect(window.webContents.reloads).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(window.webContents.crashedByUs).toBe(1);
    expect(window.webContents.reloads).toBe(1);
    // The renderer we crashed ourselves is not a second failure.
    expect(records).toEqual(['unresponsive']);
  });

  it('leaves a page alone that becomes responsive again within the grace period', async () => {
    setup();
    window.webContents.emit('unresponsive');
    await vi.advanceTimersByTimeAsync(5_000);
    window.webContents.emit('responsive');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(window.webContents.reloads).toBe(0);
    expect(records).toEqual([]);
  });

  it('reloads after a failed main-frame load, but ignores aborted loads and subframes', () => {
    setup();
    window.webContents.emit('did-fail-load', {}, -3, 'ERR_ABORTED', DISPLAY, true);
    window.webContents.emit('did-fail-load', {}, -105, 'ERR_NAME_NOT_RESOLVED', 'http://x/', false);
    expect(window.webContents.reloads).toBe(0);
    window.webContents.emit('did-fail-load', {}, -102, 'ERR_CONNECTION_REFUSED', DISPLAY, true);
    expect(window.webContents.reloads).toBe(1);
    expect(records).toEqual(['load-failed:ERR_CONNECTION_REFUSED']);
  });

  it('the operator reload is recorded and not counted against the crash limit', () => {
    const recovery = setup();
    for (let i = 0; i < 5; i++) recovery.reload('operator');
    crash();
    expect(window.webContents.reloads).toBe(6);
    expect(records.at(-1)).toBe('crash:crashed');
  });

  it('the recovery page speaks the exhibit language, says one calm line, and allows no script', () => {
    const html = (lang: 'en' | 'de') => decodeURIComponent(recoveryPageUrl(lang).split(',').slice(1).join(','));
    expect(html('en')).toContain('<p>One moment…</p>');
    expect(html('de')).toContain('<p>Einen Moment …</p>');
    expect(html('de')).toContain(`content="default-src 'none'; style-src 'unsafe-inline'`);
    expect(html('en')).not.toMatch(/<script|https?:\/\//);
  });

  it('after dispose, events do nothing', () => {
    const recovery = setup();
    recovery.dispose();
    crash();
    expect(window.webContents.reloads).toBe(0);
    expect(window.webContents.listenerCount('render-process-gone')).toBe(0);
  });
});
