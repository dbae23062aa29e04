import type { IUniform } from 'three';
import { FETCH_GLSL, type FloatTexture } from './float-texture.js';

/**
 * The one place a shader reads a connection's weight: `float weightAt(float
 * index)`, index in the global connection order (layer after layer, each
 * row-major [out][in]). Today it reads the current snapshot's float
 * texture; a resident stack of snapshots with morphing replaces this module
 * (chunk and uniforms together) and nothing else in the shaders changes.
 */
export const WEIGHT_AT_GLSL = /* glsl */ `
uniform highp sampler2D uWeights;
float weightAt(float index) {
  return fetchValue(uWeights, index);
}
`;

/** The uniforms WEIGHT_AT_GLSL reads. */
export function weightAtUniforms(weights: FloatTexture): Record<string, IUniform> {
  return { uWeights: { value: weights.texture } };
}

/** FETCH_GLSL first: weightAt uses fetchValue; shaders that include this need no other copy. */
export const FETCH_AND_WEIGHT_GLSL = FETCH_GLSL + WEIGHT_AT_GLSL;
