import { imageAsUnitFloats } from '../../app/mnist/idx.js';
import { loadModel } from '../../main/model/load-model.js';
import { loadMnist } from '../../main/mnist/load-mnist.js';
import type { BenchConfig, RunOptions, Variant, VariantResult } from '../../renderer/bench-display/bench-protocol.js';
import { launchChromium, openPage } from '../e2e/support/chromium.js';
import { serveBenchPage } from './bench-page-server.js';
import { DEFAULT_MANIFEST } from './bench-paths.js';
import { measureDisplayStart } from './display-first-frame.js';
import { median, quantile, type Report } from './report.js';

/**
 * display.*: what one input update costs the display's page, ours against
 * the anchor visualiser's approach (renderer/bench-display/anchor-*.ts), all
 * in one Chromium run (SwiftShader WebGL here) on the same MNIST test digits,
 * the default model's default snapshot and a 1600 x 900 canvas.
 *
 * Per variant, in the bench page:
 * - js_ms: the update alone (ours: NetworkView.update with the hub's values;
 *   anchor: its JS forward pass, softmax and colour recomputation);
 * - main_thread_ms: the update plus one renderer.render() call, GPU work not
 *   awaited (the GL calls are queued to Chromium's GPU process, where
 *   SwiftShader rasterises on other threads); each update starts with an idle
 *   GPU so that no backlog of earlier frames stalls the measured span;
 * - frame_ms: the same until the GPU finished the frame (software raster);
 * - upload_bytes: bytes handed to WebGL during update + render, counted at
 *   the GL calls (renderer/bench-display/upload-counter.ts);
 * - snapshot_switch.set_weights_ms: new weights in, one update, one render.
 * With the real hub and the real display page: first_frame_ms (navigation
 * start to the first frame drawn with weights) and snapshot_switch_ms
 * (select-snapshot sent to the frame drawn on the new weights).
 */
export interface DisplayBenchOptions {
  readonly warmup: number;
  readonly updates: number;
  readonly renderWarmup: number;
  readonly renderUpdates: number;
  readonly switches: number;
  /** Real display page loads for first_frame_ms. */
  readonly loads: number;
  /** Switches through the hub on the last load. */
  readonly hubSwitches: number;
  /** Canvas (bench page) and window (display page) size, CSS pixels at device pixel ratio 1. */
  readonly width: number;
  readonly height: number;
  /** Which implementations to run (default: DISPLAY_BENCH_VARIANTS, else all three). */
  readonly variants?: readonly Variant[];
}

// Every rendered frame costs seconds of software raster here, so the render
// phases take few samples; the update-only phase takes many.
export const DISPLAY_BENCH_DEFAULTS: DisplayBenchOptions = { warmup: 20, updates: 200, renderWarmup: 1, renderUpdates: renderUpdates(process.env.DISPLAY_BENCH_RENDERS), switches: 2, loads: 1, hubSwitches: 2, ...canvasSize(process.env.DISPLAY_BENCH_SIZE) };

/** DISPLAY_BENCH_RENDERS=N (default 5): rendered updates per variant; more steady the medians on a busy machine, at seconds of software raster each. */
function renderUpdates(value: string | undefined): number {
  if (value === undefined) return 5;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new Error(`DISPLAY_BENCH_RENDERS must be a whole number from 1 to 1000, got "${value}"`);
  return n;
}

/**
 * DISPLAY_BENCH_SIZE=WxH (default 1600x900). main_thread_ms leaves the
 * raster out, so it does not depend on the canvas size; software raster does,
 * and a small canvas is what lets `.anchor_all` (2.2 million lit triangles)
 * finish its frames in minutes rather than hours without a GPU.
 */
function canvasSize(value: string | undefined): { width: number; height: number } {
  if (value === undefined) return { width: 1600, height: 900 };
  const m = /^(\d{2,4})x(\d{2,4})$/.exec(value);
  if (!m) throw new Error(`DISPLAY_BENCH_SIZE must look like 1600x900, got "${value}"`);
  return { width: Number(m[1]), height: Number(m[2]) };
}

const VARIANTS: readonly Variant[] = (process.env.DISPLAY_BENCH_VARIANTS?.split(',') as Variant[] | undefined) ?? ['ours', 'anchor', 'anchor_all'];
const DIGITS = 256;

interface BenchGlobals {
  __displayBench?: { run(options: RunOptions): Promise<VariantResult> };
}

export async function benchDisplay(report: Report, options: DisplayBenchOptions = DISPLAY_BENCH_DEFAULTS): Promise<void> {
  const model = await loadModel(DEFAULT_MANIFEST);
  const ids = [model.defaultSnapshotId, model.timeline.find((e) => e.id !== model.defaultSnapshotId)!.id];
  const snapshots = await Promise.all(ids.map((id) => model.loadSnapshot(id)));
  const test = await loadMnist('test');
  const pixels = new Float32Array(DIGITS * 784);
  for (let i = 0; i < DIGITS; i++) pixels.set(imageAsUnitFloats(test.images, i), i * 784);

  const config: BenchConfig = {
    architecture: model.network.architecture,
    layers: model.network.layers.map((l) => ({ name: l.name, activation: l.activation, inDim: l.inDim, outDim: l.outDim })),
    normalization: model.network.normalization,
    snapshots: ids,
    inputs: DIGITS,
  };
  const files = new Map<string, Uint8Array | string>([
    ['/bench/config.json', JSON.stringify(config)],
    ['/bench/inputs.bin', bytesOf(pixels)],
  ]);
  snapshots.forEach((s, k) => {
    const parts = [...s.layers.map((l) => l.weights), ...s.layers.map((l) => l.biases)];
    const all = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
    let offset = 0;
    for (const p of parts) {
      all.set(p, offset);
      offset += p.length;
    }
    files.set(`/bench/snapshot-${k}.bin`, bytesOf(all));
  });

  const server = await serveBenchPage(files);
  const browser = await launchChromium();
  try {
    const results = new Map<Variant, VariantResult>();
    for (const variant of options.variants ?? VARIANTS) {
      // A fresh page per variant: no GPU memory or garbage left by the one before.
      const viewport = { width: options.width, height: options.height };
      const { context, page, errors } = await openPage(browser, viewport);
      page.on('console', (m) => {
        if (m.type() === 'info' && m.text().startsWith('[bench]')) process.stderr.write(`${m.text()}\n`);
      });
      try {
        await page.goto(server.url);
        await page.waitForFunction(() => (globalThis as unknown as BenchGlobals).__displayBench !== undefined);
        const run: RunOptions = { variant, warmup: options.warmup, updates: options.updates, renderWarmup: options.renderWarmup, renderUpdates: options.renderUpdates, switches: options.switches, width: options.width, height: options.height };
        const r = await page.evaluate((o) => (globalThis as unknown as BenchGlobals).__displayBench!.run(o), run);
        if (errors.length) throw new Error(`bench page errors (${variant}): ${errors.join('; ')}`);
        results.set(variant, r);
        // Reported as soon as measured: the software-rendered variants take minutes each.
        reportVariant(report, r);
      } finally {
        await context.close();
      }
    }
    const start = await measureDisplayStart(browser, options.loads, options.hubSwitches, ids[1]!, { width: options.width, height: options.height });
    const ours = results.get('ours');
    for (const variant of ['anchor', 'anchor_all'] as const) {
      const anchor = results.get(variant);
      if (ours && anchor) report(`display.update.ratio.${variant}_over_ours`, median(anchor.mainMs) / median(ours.mainMs), 'x', { of: 'display.update.main_thread_ms' });
    }
    const startNotes = { connections: start.connections, page: 'renderer/display with the real hub' };
    report('display.first_frame_ms', median(start.firstFrameMs), 'ms', { ...startNotes, loads: start.firstFrameMs.length, all: start.firstFrameMs.map(round) });
    report('display.snapshot_switch_ms', median(start.switchMs), 'ms', { ...startNotes, switches: start.switchMs.length, p90: round(quantile(start.switchMs, 0.9)) });
  } finally {
    await browser.close();
    await server.close();
  }
}

function reportVariant(report: Report, r: VariantResult): void {
  const suffix = r.variant === 'ours' ? '' : `.${r.variant}`;
  const notes = { connections: r.connections, updates: r.mainMs.length, canvas: r.canvas, gl: r.glRenderer, cross_origin_isolated: r.crossOriginIsolated };
  report(`display.update.main_thread_ms${suffix}`, median(r.mainMs), 'ms', { ...notes, p90: round(quantile(r.mainMs, 0.9)) });
  report(`display.update.js_ms${suffix}`, median(r.jsMs), 'ms', { ...notes, updates: r.jsMs.length, p90: round(quantile(r.jsMs, 0.9)), ...(r.forwardMs.length ? { forward_pass_ms: round(median(r.forwardMs)) } : {}) });
  report(`display.update.upload_bytes${suffix}`, median(r.uploadBytes), 'B', { ...notes, gl_calls: median(r.uploadCalls), ...(r.reportedBytes.length ? { view_reported: median(r.reportedBytes) } : {}) });
  report(`display.update.frame_ms${suffix}`, median(r.frameMs), 'ms', { ...notes, p90: round(quantile(r.frameMs, 0.9)) });
  report(`display.snapshot_switch.set_weights_ms${suffix}`, median(r.switchMs), 'ms', { ...notes, switches: r.switchMs.length });
}

function bytesOf(values: Float32Array): Uint8Array {
  return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
}

function round(v: number): number {
  return Number(v.toPrecision(4));
}
