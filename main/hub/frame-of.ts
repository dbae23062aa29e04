import type { Frame } from '../../app/contract/frame.js';
import type { ForwardResult } from '../../app/model/types.js';
import type { ActiveModel } from './model-slot.js';

/**
 * Four decimals are far below what the display can show and keep a frame's
 * JSON around 6 kB instead of 20; probabilities keep full precision so that
 * they still sum to 1 and tiny ones stay honest.
 */
function rounded(values: Float32Array): number[] {
  const out = new Array<number>(values.length);
  for (let i = 0; i < values.length; i++) out[i] = Math.round((values[i] as number) * 1e4) / 1e4;
  return out;
}

export interface FrameSource {
  readonly seq: number;
  readonly inkId: number | null;
  readonly empty: boolean;
  readonly input: Float32Array;
  readonly result: ForwardResult;
  readonly ms: number;
  readonly active: ActiveModel;
  readonly pen?: { readonly deviceId: string; readonly name: string; readonly points?: number } | undefined;
}

export function frameOf({ seq, inkId, empty, input, result, ms, active, pen }: FrameSource): Frame {
  return {
    type: 'frame',
    seq,
    inkId,
    empty,
    modelId: active.info.id,
    snapshotId: active.snapshotId,
    backend: active.backend.name,
    inferenceMs: Math.round(ms * 1000) / 1000,
    input: rounded(input),
    activations: result.activations.map(rounded),
    probabilities: Array.from(result.probabilities),
    ...(pen ? { pen: { deviceId: pen.deviceId, name: pen.name, ...(pen.points !== undefined && { points: pen.points }) } } : {}),
  };
}
