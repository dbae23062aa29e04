import { AdditiveBlending, BufferAttribute, BufferGeometry, GLSL3, LineSegments, ShaderMaterial } from 'three';
import { FETCH_GLSL, type FloatTexture } from './float-texture.js';
import type { NetworkLayout } from './network-layout.js';
import { WEIGHT_GLSL, type WeightSource } from './weight-glsl.js';

/**
 * Every connection of the network as one LineSegments draw. Geometry (where
 * each line starts and ends, which weight and which source neuron it reads)
 * is built once per architecture; the weights sit in a float texture
 * uploaded once per snapshot, the activations in another uploaded per
 * update, and colour and brightness (weight x activation) are computed in the
 * vertex shader. Nothing per connection is touched in JavaScript per update.
 */
export interface ConnectionUniforms {
  /** weightAt(): the live snapshot or a mix of two timeline snapshots (weight-glsl.ts). */
  readonly weightSource: WeightSource;
  readonly activations: FloatTexture;
  /** Per source layer: 1 / typical |weight|, set per snapshot. */
  readonly weightScale: Float32Array;
  /** Per layer: 1 / max activation, set per update. */
  readonly activationScale: Float32Array;
}

const vertexShader = /* glsl */ `
in float aSource;
in float aWeight;
in float aLayer;
uniform highp sampler2D uActivations;
uniform float uWeightScale[LAYERS];
uniform float uActivationScale[LAYERS];
uniform float uGain[LAYERS];
uniform float uRestGain[LAYERS];
out vec3 vColor;
${FETCH_GLSL}
${WEIGHT_GLSL}
void main() {
  int layer = int(aLayer + 0.5);
  float w = clamp(weightAt(aWeight) * uWeightScale[layer], -1.0, 1.0);
  float a = clamp(fetchValue(uActivations, aSource) * uActivationScale[layer], -1.0, 1.0);
  float signal = w * a;
  // Positive contributions glow warm, negative ones cool; a faint trace of
  // |w| keeps the structure visible when nothing is drawn.
  vec3 hue = signal >= 0.0 ? vec3(1.0, 0.62, 0.24) : vec3(0.25, 0.7, 1.0);
  vColor = hue * min(abs(signal) * uGain[layer], 1.0) + vec3(0.32, 0.42, 0.58) * abs(w) * uRestGain[layer];
  gl_Position = projectionMatrix * modelViewMatrix * vec4(position, 1.0);
}
`;

const fragmentShader = /* glsl */ `
layout(location = 0) out highp vec4 fragColor;
in vec3 vColor;
void main() {
  fragColor = vec4(vColor, 1.0);
}
`;

export function createConnectionsMesh(layout: NetworkLayout, uniforms: ConnectionUniforms, maxPerLayer = Infinity): LineSegments {
  const { layers, positions } = layout;
  let total = 0;
  const strides: number[] = [];
  for (let l = 0; l + 1 < layers.length; l++) {
    const count = layers[l]!.size * layers[l + 1]!.size;
    // Draw all connections unless told otherwise; a stride keeps the choice even across the layer.
    const stride = Math.max(1, Math.ceil(count / maxPerLayer));
    strides.push(stride);
    total += Math.ceil(count / stride);
  }
  const position = new Float32Array(total * 6);
  const source = new Float32Array(total * 2);
  const weight = new Float32Array(total * 2);
  const layerOf = new Float32Array(total * 2);
  let v = 0;
  let weightBase = 0;
  for (let l = 0; l + 1 < layers.length; l++) {
    const from = layers[l]!;
    const to = layers[l + 1]!;
    const stride = strides[l]!;
    // Connection order matches the weight texture: row-major [out][in], as PyTorch stores it.
    for (let c = 0; c < from.size * to.size; c += stride) {
      const o = Math.floor(c / from.size);
      const i = c - o * from.size;
      const src = from.offset + i;
      const dst = to.offset + o;
      position.set(positions.subarray(src * 3, src * 3 + 3), v * 3);
      position.set(positions.subarray(dst * 3, dst * 3 + 3), v * 3 + 3);
      source[v] = source[v + 1] = src;
      weight[v] = weight[v + 1] = weightBase + c;
      layerOf[v] = layerOf[v + 1] = l;
      v += 2;
    }
    weightBase += from.size * to.size;
  }
  const geometry = new BufferGeometry();
  geometry.setAttribute('position', new BufferAttribute(position, 3));
  geometry.setAttribute('aSource', new BufferAttribute(source, 1));
  geometry.setAttribute('aWeight', new BufferAttribute(weight, 1));
  geometry.setAttribute('aLayer', new BufferAttribute(layerOf, 1));
  geometry.computeBoundingSphere();

  // Under additive blending a dense layer piles hundreds of lines onto each
  // pixel where they converge: scale each line down with the layer's
  // connection count so that the picture glows instead of burning white.
  const gain = new Float32Array(layers.length);
  const restGain = new Float32Array(layers.length);
  for (let l = 0; l + 1 < layers.length; l++) {
    const root = Math.sqrt(layers[l]!.size * layers[l + 1]!.size);
    gain[l] = Math.min(1.5, 16 / root);
    restGain[l] = Math.min(0.3, 1.2 / root);
  }
  const material = new ShaderMaterial({
    glslVersion: GLSL3,
    vertexShader,
    fragmentShader,
    defines: { LAYERS: layers.length },
    uniforms: {
      ...uniforms.weightSource.uniforms,
      uActivations: { value: uniforms.activations.texture },
      uWeightScale: { value: uniforms.weightScale },
      uActivationScale: { value: uniforms.activationScale },
      uGain: { value: gain },
      uRestGain: { value: restGain },
    },
    transparent: true,
    blending: AdditiveBlending,
    depthWrite: false,
    depthTest: false,
  });
  const mesh = new LineSegments(geometry, material);
  mesh.name = 'connections';
  mesh.renderOrder = 0;
  return mesh;
}
