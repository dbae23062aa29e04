// The display benchmark's page (run by tests/bench/display-bench.ts, never
// shipped to visitors): measures the display's NetworkView and a faithful
// re-implementation of the anchor visualiser's approach in the same browser,
// on the same digits, weights and canvas size.
import type { RunOptions, VariantResult } from './bench-protocol.js';
import { benchCanvas, createAnchor, createOurs, loadBenchData, type Subject } from './bench-subjects.js';
import { installUploadCounter } from './upload-counter.js';

// Before any WebGL context exists, so that every upload of every context is seen.
const uploads = installUploadCounter();
const data = loadBenchData();

declare global {
  interface Window {
    __displayBench?: { run(options: RunOptions): Promise<VariantResult> };
  }
}

const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Waits until the GPU has executed everything queued so far: a 1-pixel read is synchronous. */
function finishGpu(subject: Subject): void {
  const gl = subject.renderer.getContext();
  gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(4));
}

/** Progress for the bench's stderr (tests/bench/display-bench.ts forwards "[bench]" lines): SwiftShader frames take seconds. */
function progress(options: RunOptions, what: string, since: number): void {
  console.info(`[bench] ${options.variant}: ${what} (${((performance.now() - since) / 1000).toFixed(1)} s)`);
}

async function run(options: RunOptions): Promise<VariantResult> {
  const started = performance.now();
  const bench = await data;
  const canvas = benchCanvas(options.width, options.height);
  const subject = options.variant === 'ours' ? createOurs(bench, canvas) : createAnchor(bench, canvas, options.variant);
  const gl = subject.renderer.getContext();
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const result: VariantResult = {
    variant: options.variant,
    connections: subject.connections,
    glRenderer: String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER)),
    crossOriginIsolated: globalThis.crossOriginIsolated,
    canvas: `${gl.drawingBufferWidth}x${gl.drawingBufferHeight}`,
    jsMs: [],
    forwardMs: [],
    mainMs: [],
    frameMs: [],
    uploadBytes: [],
    uploadCalls: [],
    reportedBytes: [],
    switchMs: [],
  };
  try {
    // First render: shaders, geometry and weights go up once; not measured.
    subject.update(0);
    subject.render();
    finishGpu(subject);
    progress(options, 'built and drew the first frame', started);
    await nextTask();

    // Update only: what the implementation does in JavaScript per input.
    for (let i = 0; i < options.warmup + options.updates; i++) {
      const t0 = performance.now();
      subject.update(i);
      const t1 = performance.now();
      if (i >= options.warmup) result.jsMs.push(t1 - t0);
      if (i % 20 === 19) await nextTask();
    }
    if (subject.forwardOnly) {
      for (let i = 0; i < options.warmup + options.updates; i++) {
        const t0 = performance.now();
        subject.forwardOnly(i);
        const t1 = performance.now();
        if (i >= options.warmup) result.forwardMs.push(t1 - t0);
      }
    }
    subject.render();
    finishGpu(subject);
    progress(options, 'update-only phase done', started);

    // Update + render, each starting with an idle GPU so that no backlog of
    // earlier frames blocks the main thread inside the measured span.
    for (let i = 0; i < options.renderWarmup + options.renderUpdates; i++) {
      await nextTask();
      finishGpu(subject);
      uploads.reset();
      const t0 = performance.now();
      const reported = subject.update(i);
      subject.render();
      const t1 = performance.now();
      const bytes = uploads.bytes;
      const calls = uploads.calls;
      finishGpu(subject);
      const t2 = performance.now();
      if (i < options.renderWarmup) continue;
      result.mainMs.push(t1 - t0);
      result.frameMs.push(t2 - t0);
      result.uploadBytes.push(bytes);
      result.uploadCalls.push(calls);
      if (options.variant === 'ours') result.reportedBytes.push(reported);
    }

    progress(options, 'update + render phase done', started);

    // Snapshot switches: weights in, the current digit again, one render.
    for (let s = 0; s <= options.switches; s++) {
      await nextTask();
      finishGpu(subject);
      const t0 = performance.now();
      subject.useSnapshot((s + 1) % 2);
      subject.update(s);
      subject.render();
      const t1 = performance.now();
      finishGpu(subject);
      if (s > 0) result.switchMs.push(t1 - t0);
    }
    progress(options, 'snapshot switches done', started);
    return result;
  } finally {
    subject.dispose();
    canvas.remove();
  }
}

window.__displayBench = { run };
