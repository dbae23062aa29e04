import type { DataArrayTexture } from 'three';
import type { ModelInfo } from '../../app/contract/model-info.js';
import { numberToHalfBits } from '../../app/model/float16.js';
import { typicalMagnitude } from './network-view.js';
import { createTimelineTexture, TIMELINE_TEXTURE_WIDTH } from './weight-glsl.js';
import { fetchSnapshotWeights } from './weights-fetch.js';

/**
 * Every snapshot's connection weights on the GPU at once: one float16 array
 * texture, one layer per snapshot (the default model: 35 x 109,184 weights,
 * 7.6 MB), uploaded once per model. Scrubbing the timeline then only moves
 * uniforms. Per snapshot and layer it also keeps the weight scale the
 * shaders normalise with (random weights are far smaller than trained ones).
 */
export interface TimelineWeights {
  readonly modelId: string;
  readonly texture: DataArrayTexture;
  readonly snapshots: number;
  /** scales[s * layers + l]: 1 / typical |weight| of layer l in snapshot s. */
  readonly scales: Float32Array;
  readonly layers: number;
  /** Bytes that went to the GPU (once). */
  readonly bytes: number;
  dispose(): void;
}

/**
 * What every WebGL2 GPU must support (MAX_ARRAY_TEXTURE_LAYERS >= 256,
 * MAX_TEXTURE_SIZE >= 2048), and a memory bound: a model beyond them keeps its
 * timeline of activations but shows the live weights (said once in the console).
 */
const MAX_LAYERS = 256;
const MAX_ROWS = 2048;
const MAX_BYTES = 256 * 1024 * 1024;

/** Snapshots fetched at a time: enough to keep loopback busy, few enough not to starve the live frames. */
const PARALLEL = 4;

export async function loadTimelineWeights(secret: string, model: ModelInfo, signal: AbortSignal): Promise<TimelineWeights> {
  const { layers } = model.network;
  const perSnapshot = layers.reduce((n, l) => n + l.inDim * l.outDim, 0);
  const rows = Math.ceil(perSnapshot / TIMELINE_TEXTURE_WIDTH);
  const layerTexels = TIMELINE_TEXTURE_WIDTH * rows;
  const count = model.timeline.length;
  if (count > MAX_LAYERS || rows > MAX_ROWS || layerTexels * count * 2 > MAX_BYTES) {
    throw new Error(`${count} snapshots of ${perSnapshot} weights do not fit on the GPU as one texture; the timeline shows the live weights`);
  }
  const halves = new Uint16Array(layerTexels * count);
  const scales = new Float32Array(count * layers.length);

  let next = 0;
  async function worker(): Promise<void> {
    while (next < count) {
      const s = next++;
      const weights = await fetchSnapshotWeights(secret, model.timeline[s]!.id, layers, signal);
      let offset = s * layerTexels;
      weights.forEach((w, l) => {
        scales[s * layers.length + l] = 1 / Math.max(typicalMagnitude(w), 1e-6);
        for (let i = 0; i < w.length; i++) halves[offset + i] = numberToHalfBits(w[i] as number);
        offset += w.length;
      });
    }
  }
  await Promise.all(Array.from({ length: Math.min(PARALLEL, count) }, worker));
  if (signal.aborted) throw new Error('timeline weights: aborted');
  const texture = createTimelineTexture(halves, TIMELINE_TEXTURE_WIDTH, rows, count);
  return { modelId: model.id, texture, snapshots: count, scales, layers: layers.length, bytes: halves.byteLength, dispose: () => texture.dispose() };
}
