import { DataTexture, FloatType, NearestFilter, RedFormat } from 'three';

/**
 * One float per texel (R32F), read in shaders with texelFetch by index, so
 * arrays far longer than a row fit. Weights live in one of these per
 * snapshot, activations in another that is the only upload per update.
 */
export interface FloatTexture {
  readonly texture: DataTexture;
  readonly data: Float32Array;
  /** Marks the texture for upload and returns the bytes that will go to the GPU. */
  upload(): number;
  dispose(): void;
}

export function createFloatTexture(count: number, width: number): FloatTexture {
  const columns = Math.max(1, Math.min(count, width));
  const rows = Math.max(1, Math.ceil(count / columns));
  const data = new Float32Array(columns * rows);
  const texture = new DataTexture(data, columns, rows, RedFormat, FloatType);
  texture.minFilter = NearestFilter;
  texture.magFilter = NearestFilter;
  texture.generateMipmaps = false;
  texture.needsUpdate = true;
  return {
    texture,
    data,
    upload() {
      texture.needsUpdate = true;
      return data.byteLength;
    },
    dispose: () => texture.dispose(),
  };
}

/** GLSL helper shared by the shaders: the float at `index` of a texture made above. */
export const FETCH_GLSL = /* glsl */ `
float fetchValue(highp sampler2D t, float index) {
  int i = int(index + 0.5);
  int w = textureSize(t, 0).x;
  return texelFetch(t, ivec2(i % w, i / w), 0).r;
}
`;
