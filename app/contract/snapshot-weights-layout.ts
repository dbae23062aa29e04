import type { LayerSpecInfo } from './model-info.js';

/**
 * Binary layout of GET /api/snapshots/:id/weights: little-endian float32,
 * layer after layer, each layer's weights (row-major [out][in], as in
 * PyTorch) followed by its biases. Binary because the display uploads these
 * arrays to the GPU as they are; JSON would cost 10x the bytes and a parse.
 */
export interface LayerSlice {
  /** Offsets and lengths in float32 elements (not bytes). */
  readonly weightsOffset: number;
  readonly weightsLength: number;
  readonly biasesOffset: number;
  readonly biasesLength: number;
}

export interface WeightsLayout {
  readonly layers: readonly LayerSlice[];
  /** Total float32 elements. */
  readonly length: number;
}

export const WEIGHTS_CONTENT_TYPE = 'application/vnd.mlp-kiosk.weights+f32le';

export function weightsLayout(layers: readonly Pick<LayerSpecInfo, 'inDim' | 'outDim'>[]): WeightsLayout {
  const slices: LayerSlice[] = [];
  let offset = 0;
  for (const { inDim, outDim } of layers) {
    const weightsLength = inDim * outDim;
    slices.push({ weightsOffset: offset, weightsLength, biasesOffset: offset + weightsLength, biasesLength: outDim });
    offset += weightsLength + outDim;
  }
  return { layers: slices, length: offset };
}
