import { DataArrayTexture, HalfFloatType, NearestFilter, RedFormat, type IUniform } from 'three';
import type { FloatTexture } from './float-texture.js';

/**
 * Where the shaders get a connection's weight: ONE function, `weightAt(index)`
 * (index = the connection's position in the row-major [out][in] weights of
 * all layers, in layer order), so every mesh that draws connections reads
 * weights the same way, live or on the timeline.
 *   live:     the current snapshot's float32 texture (uploaded once per snapshot);
 *   timeline: every snapshot resident in one float16 array texture (one layer
 *             per snapshot, uploaded once per model), mixed between snapshot A
 *             and B with uMix, so scrubbing and morphing upload nothing but
 *             uniforms.
 * Include WEIGHT_GLSL in a vertex shader and spread `uniforms` into the material.
 */
export const WEIGHT_GLSL = /* glsl */ `
uniform highp sampler2D uWeights;
uniform highp sampler2DArray uTimelineWeights;
uniform float uTimelineOn;
uniform float uSnapshotA;
uniform float uSnapshotB;
uniform float uSnapshotMix;
float weightAt(float index) {
  int i = int(index + 0.5);
  if (uTimelineOn < 0.5) {
    int w = textureSize(uWeights, 0).x;
    return texelFetch(uWeights, ivec2(i % w, i / w), 0).r;
  }
  int tw = textureSize(uTimelineWeights, 0).x;
  ivec2 p = ivec2(i % tw, i / tw);
  float a = texelFetch(uTimelineWeights, ivec3(p, int(uSnapshotA + 0.5)), 0).r;
  float b = texelFetch(uTimelineWeights, ivec3(p, int(uSnapshotB + 0.5)), 0).r;
  return mix(a, b, uSnapshotMix);
}
`;

export interface WeightUniforms {
  readonly uWeights: IUniform<FloatTexture['texture']>;
  readonly uTimelineWeights: IUniform<DataArrayTexture>;
  readonly uTimelineOn: IUniform<number>;
  readonly uSnapshotA: IUniform<number>;
  readonly uSnapshotB: IUniform<number>;
  readonly uSnapshotMix: IUniform<number>;
}

/** Texels per row of the timeline texture (the same width as the live one). */
export const TIMELINE_TEXTURE_WIDTH = 2048;

/**
 * The uniforms behind weightAt(), shared by every material that includes
 * WEIGHT_GLSL: switching to the timeline or scrubbing changes them once for all.
 */
export class WeightSource {
  readonly uniforms: WeightUniforms;
  /** Until the timeline loads: a 1-texel stand-in, so the sampler is always bound to something valid. */
  private readonly placeholder: DataArrayTexture;

  constructor(live: FloatTexture) {
    this.placeholder = createTimelineTexture(new Uint16Array(1), 1, 1, 1);
    this.uniforms = {
      uWeights: { value: live.texture },
      uTimelineWeights: { value: this.placeholder },
      uTimelineOn: { value: 0 },
      uSnapshotA: { value: 0 },
      uSnapshotB: { value: 0 },
      uSnapshotMix: { value: 0 },
    };
  }

  /** Weights come from the live snapshot's texture again. */
  useLive(): void {
    this.uniforms.uTimelineOn.value = 0;
  }

  /** Weights come from `texture` (one layer per snapshot), mixing layer a and b: (1 - t) * a + t * b. */
  useTimeline(texture: DataArrayTexture, a: number, b: number, t: number): void {
    this.uniforms.uTimelineWeights.value = texture;
    this.uniforms.uTimelineOn.value = 1;
    this.uniforms.uSnapshotA.value = a;
    this.uniforms.uSnapshotB.value = b;
    this.uniforms.uSnapshotMix.value = t;
  }

  /** The timeline texture is owned by whoever made it; only the stand-in is ours. */
  dispose(): void {
    this.placeholder.dispose();
  }
}

/** R16F array texture, one layer per snapshot, `width` texels per row; `halves` holds float16 bits. */
export function createTimelineTexture(halves: Uint16Array, width: number, rows: number, layers: number): DataArrayTexture {
  const texture = new DataArrayTexture(halves, width, rows, layers);
  texture.format = RedFormat;
  texture.type = HalfFloatType;
  texture.minFilter = NearestFilter;
  texture.magFilter = NearestFilter;
  texture.generateMipmaps = false;
  texture.needsUpdate = true;
  return texture;
}
