/**
 * What the display benchmark (tests/bench/display-bench.ts) and its page
 * (this folder) exchange. Free of DOM and three.js types so the Node side can
 * import it.
 */
export type Variant = 'ours' | 'anchor' | 'anchor_all';

/** Served as /bench/config.json; weights at /bench/snapshot-<k>.bin, digits at /bench/inputs.bin. */
export interface BenchConfig {
  readonly architecture: readonly number[];
  readonly layers: readonly { readonly name: string; readonly activation: string; readonly inDim: number; readonly outDim: number }[];
  readonly normalization: { readonly mean: number; readonly std: number };
  /** Snapshot ids; snapshot k's file holds every layer's weights (row-major [out][in]) then every layer's biases, float32. */
  readonly snapshots: readonly string[];
  /** Number of 28 x 28 digits in inputs.bin, pixels in [0, 1], float32. */
  readonly inputs: number;
}

export interface RunOptions {
  readonly variant: Variant;
  /** Update-only phase (no rendering): warm-up, then measured updates. */
  readonly warmup: number;
  readonly updates: number;
  /** Update + render phase: warm-up, then measured updates (each one drained before the next). */
  readonly renderWarmup: number;
  readonly renderUpdates: number;
  /** Snapshot switches (alternating between the first two snapshots), after one warm-up switch. */
  readonly switches: number;
  /** Canvas size in CSS pixels (device pixel ratio 1). */
  readonly width: number;
  readonly height: number;
}

export interface VariantResult {
  readonly variant: Variant;
  readonly connections: number;
  readonly glRenderer: string;
  readonly crossOriginIsolated: boolean;
  readonly canvas: string;
  /** Per measured update, ms: the update alone (no render). */
  readonly jsMs: number[];
  /** The anchor's JS forward pass alone (part of its update), ms; empty for ours (the hub runs it). */
  readonly forwardMs: number[];
  /** Update + one renderer.render() call on the main thread, GPU work not awaited, ms. */
  readonly mainMs: number[];
  /** The same until the GPU finished the frame (a 1-pixel readPixels), ms. */
  readonly frameMs: number[];
  /** Bytes handed to WebGL per update (texImage, texSubImage, bufferData, bufferSubData), counted at the GL calls. */
  readonly uploadBytes: number[];
  readonly uploadCalls: number[];
  /** What NetworkView.update said it uploads (ours only). */
  readonly reportedBytes: number[];
  /** Snapshot switch: new weights in + one render, main thread, ms. */
  readonly switchMs: number[];
}
