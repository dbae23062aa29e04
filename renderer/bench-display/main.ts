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

const WIDTH = 1600;
const HEIGHT = 900;

const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Waits until the GPU has executed everything queued so far: a 1-pixel read is synchronous. */
function finishGpu(subject: Subject): void {
  const gl = subject.renderer.getContext();
  gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(4));
}

async function run(options: RunOptions): Promise<VariantResult> {
  const bench = await data;
  const canvas = benchCanvas(WIDTH, HEIGHT);
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
    return result;
  } finally {
    subject.dispose();
    canvas.remove();
  }
}

window.__displayBench = { run };
