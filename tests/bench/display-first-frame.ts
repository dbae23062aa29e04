import type { Browser } from 'playwright-core';
import { silentLog } from '../../main/hub/hub-log.js';
import { startHub } from '../../main/hub/start-hub.js';
import { openPage } from '../e2e/support/chromium.js';
import { DEFAULT_MANIFEST } from './bench-paths.js';

/**
 * The real display page with the real hub: how long until the first frame
 * that shows the network with its weights, and how long a snapshot switch
 * through the hub takes until a frame with the new weights is drawn. Both
 * end when the page's main thread has issued that frame (the draw calls of
 * the render that follows the weights), measured in the page's own clock.
 */
export interface DisplayStartFigures {
  /** From navigation start, ms, one per page load. */
  readonly firstFrameMs: number[];
  /** From sending select-snapshot to the frame on the new weights, ms. */
  readonly switchMs: number[];
  readonly connections: number;
}

/** Software-rendered frames of every connection take seconds each on a shared 2-core VM. */
const SLOW = { timeout: 300_000, polling: 100 } as const;

interface Probe {
  firstFrameAt?: number;
  watch?: { until: () => boolean; resolve: (t: number) => void };
}

interface PageSocket {
  onmessage: ((event: { data: string }) => void) | null;
  onopen: (() => void) | null;
  send(text: string): void;
  close(): void;
}

/** The page functions below run in the browser: they use only these globals. */
interface ProbeGlobals {
  __kiosk?: { weightsSnapshot: string | undefined; connections: number };
  __benchProbe: Probe;
  readonly WebGL2RenderingContext: { prototype: Record<string, unknown> };
  readonly WebGLRenderingContext: { prototype: Record<string, unknown> };
  readonly performance: { now(): number };
  readonly location: { host: string; hash: string };
  readonly WebSocket: new (url: string) => PageSocket;
  queueMicrotask(callback: () => void): void;
}

/** Runs before the page's scripts: notes when the first draw after the weights arrived is issued. */
function installFrameProbe(): void {
  const g = globalThis as unknown as ProbeGlobals;
  const probe: Probe = {};
  g.__benchProbe = probe;
  let pending = false;
  const onDraw = (): void => {
    if (pending) return;
    const ready = probe.firstFrameAt === undefined ? g.__kiosk?.weightsSnapshot !== undefined : (probe.watch?.until() ?? false);
    if (!ready) return;
    pending = true;
    // After the whole render (the rest of this task's script), not at its first draw call.
    g.queueMicrotask(() => {
      pending = false;
      const t = g.performance.now();
      if (probe.firstFrameAt === undefined) probe.firstFrameAt = t;
      else if (probe.watch) {
        const { resolve } = probe.watch;
        probe.watch = undefined;
        resolve(t);
      }
    });
  };
  for (const proto of [g.WebGL2RenderingContext.prototype, g.WebGLRenderingContext.prototype]) {
    for (const name of ['drawArrays', 'drawElements', 'drawArraysInstanced', 'drawElementsInstanced', 'drawRangeElements']) {
      const original = proto[name];
      if (typeof original !== 'function') continue;
      proto[name] = function (this: unknown, ...args: unknown[]) {
        onDraw();
        return (original as (...a: unknown[]) => unknown).apply(this, args);
      };
    }
  }
}

/** In the page: a second display connection selects each snapshot in turn; the time until the page draws it. */
async function switchSnapshots(targets: readonly string[]): Promise<number[]> {
  const g = globalThis as unknown as ProbeGlobals;
  const secret = new URLSearchParams(g.location.hash.slice(1)).get('k') ?? '';
  const ws = new g.WebSocket(`ws://${g.location.host}/ws`);
  await new Promise<void>((resolve) => {
    ws.onmessage = (event) => {
      if ((JSON.parse(event.data) as { type: string }).type === 'welcome') resolve();
    };
    ws.onopen = () => ws.send(JSON.stringify({ type: 'hello', role: 'display', protocol: 1, secret }));
  });
  const times: number[] = [];
  for (const id of targets) {
    const drawn = new Promise<number>((resolve) => {
      g.__benchProbe.watch = { until: () => g.__kiosk?.weightsSnapshot === id, resolve };
    });
    const t0 = g.performance.now();
    ws.send(JSON.stringify({ type: 'select-snapshot', snapshotId: id }));
    times.push((await drawn) - t0);
  }
  ws.close();
  return times;
}

/** `other`: a snapshot of the hub's model other than its default, to switch to and back. */
export async function measureDisplayStart(browser: Browser, loads: number, switches: number, other: string, viewport = { width: 1600, height: 900 }): Promise<DisplayStartFigures> {
  const hub = await startHub({ port: 0, log: silentLog, modelPath: DEFAULT_MANIFEST });
  const firstFrameMs: number[] = [];
  let switchMs: number[] = [];
  let connections = 0;
  try {
    for (let load = 0; load < loads; load++) {
      const { context, page, errors } = await openPage(browser, viewport);
      try {
        // As source text, with a stand-in for the __name() helper that tsx (the bench runner) wraps named functions in: the page has none, and switchSnapshots below needs it too.
        await page.addInitScript({ content: `globalThis.__name = (f) => f; (${installFrameProbe.toString()})();` });
        await page.goto(hub.displayUrl);
        await page.waitForFunction(() => (globalThis as unknown as ProbeGlobals).__benchProbe.firstFrameAt !== undefined, undefined, SLOW);
        firstFrameMs.push(await page.evaluate(() => (globalThis as unknown as ProbeGlobals).__benchProbe.firstFrameAt!));
        connections = await page.evaluate(() => (globalThis as unknown as ProbeGlobals).__kiosk?.connections ?? 0);
        if (load === loads - 1 && switches > 0) {
          const current = hub.snapshotId;
          // The first switch warms up; then back and forth between the two.
          const targets = Array.from({ length: switches + 1 }, (_, i) => (i % 2 === 0 ? other : current));
          switchMs = (await page.evaluate(switchSnapshots, targets)).slice(1);
        }
        if (errors.length) throw new Error(`display page errors: ${errors.join('; ')}`);
      } finally {
        await context.close();
      }
    }
  } finally {
    await hub.close();
  }
  return { firstFrameMs, switchMs, connections };
}
