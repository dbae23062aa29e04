import {
  AdditiveBlending,
  BufferAttribute,
  GLSL3,
  InstancedBufferAttribute,
  InstancedBufferGeometry,
  Mesh,
  ShaderMaterial,
  Vector2,
  type WebGLRenderer,
} from 'three';
import { FETCH_GLSL, type FloatTexture } from './float-texture.js';
import type { NetworkLayout } from './network-layout.js';
import { WEIGHT_GLSL, type WeightSource } from './weight-glsl.js';

/**
 * Every connection of the network in one instanced draw: one thin quad per
 * connection that always faces the camera, so a line can be wider than the
 * 1 px WebGL gives to LINES. Per instance the geometry holds where the
 * connection starts and ends and which weight and source neuron it reads,
 * written once per architecture. Colour (sign of weight x activation),
 * brightness and width (its size) are computed in the shaders from the
 * weights (weightAt, resident per snapshot) and the activation texture (the
 * only upload per update). Nothing per connection is touched in JavaScript
 * per update.
 *
 * The activation texture holds two states, "from" (what was shown) at
 * [0, NODES) and "to" (the new frame) at [NODES, 2 NODES); a front moving
 * along each connection (uFront, per layer) shows "to" behind it and "from"
 * ahead of it: the propagation wave.
 */
export interface ConnectionUniforms {
  /** Where weightAt() reads: the live snapshot's texture, or the timeline's resident stack. */
  readonly weightSource: WeightSource;
  readonly activations: FloatTexture;
  /** Per source layer: 1 / typical |weight|, set per snapshot. */
  readonly weightScale: Float32Array;
  /** Per connection layer: how far the front has come, 0..1. */
  readonly front: Float32Array;
  /** One value: brightness of the part the front has not reached yet. */
  readonly ahead: Float32Array;
}

/** Exponent on the normalised |w x a|: below 1 even weak contributions show, above 1 only the strongest stand out. */
export const EMPHASIS_LEVELS = { all: 0.45, balanced: 1, strongest: 2.4 } as const;
export type EmphasisLevel = keyof typeof EMPHASIS_LEVELS;

const vertexShader = /* glsl */ `
in float aSource;
in float aWeight;
in float aLayer;
in vec3 aStart;
in vec3 aEnd;
uniform highp sampler2D uActivations;
uniform float uWeightScale[LAYERS];
uniform float uGain[LAYERS];
uniform float uRestGain[LAYERS];
uniform float uFront[LAYERS];
uniform float uEmphasis;
uniform vec2 uViewport;
uniform float uPixelRatio;
out vec4 vFrom;
out vec4 vTo;
out float vT;
out float vAcross;
out float vFront;
${FETCH_GLSL}
${WEIGHT_GLSL}
const vec3 WARM = vec3(1.0, 0.56, 0.18);
const vec3 COOL = vec3(0.2, 0.62, 1.0);
const vec3 REST = vec3(0.3, 0.4, 0.56);
const float CREST = 2.6;

// rgb: the colour this connection adds; a: its half width in pixels.
vec4 shade(float w, float a, int layer) {
  float signal = w * a;
  float strength = pow(min(abs(signal), 1.0), uEmphasis);
  vec3 hue = signal >= 0.0 ? WARM : COOL;
  vec3 rgb = hue * min(strength * uGain[layer], 1.0) + REST * abs(w) * uRestGain[layer];
  return vec4(rgb, (0.45 + 1.5 * strength) * uPixelRatio);
}

void main() {
  int layer = int(aLayer + 0.5);
  float w = clamp(weightAt(aWeight) * uWeightScale[layer], -1.0, 1.0);
  vFrom = shade(w, clamp(fetchValue(uActivations, aSource), -1.0, 1.0), layer);
  vTo = shade(w, clamp(fetchValue(uActivations, aSource + float(NODES)), -1.0, 1.0), layer);
  vFront = uFront[layer];

  // Both ends in clip space, then widen the quad across the line in pixels.
  vec4 c0 = projectionMatrix * modelViewMatrix * vec4(aStart, 1.0);
  vec4 c1 = projectionMatrix * modelViewMatrix * vec4(aEnd, 1.0);
  vec2 half0 = 0.5 * uViewport;
  vec2 d = c1.xy / c1.w * half0 - c0.xy / c0.w * half0;
  vec2 dir = length(d) > 1e-4 ? normalize(d) : vec2(1.0, 0.0);
  vec2 normal = vec2(-dir.y, dir.x);
  // A connection whose light would round to nothing in an 8-bit framebuffer
  // (a blank pixel's, a silent neuron's) is skipped: the same picture, and
  // most of the input layer's 100k quads cost no fragments at all.
  vec3 brightest = max(vFrom.rgb, vTo.rgb) * (1.0 + CREST);
  if (max(brightest.r, max(brightest.g, brightest.b)) < 0.5 / 255.0) {
    gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
    return;
  }
  // Some margin for the soft edge.
  float halfWidth = max(vFrom.a, vTo.a) + 0.75;
  vec4 c = position.x < 0.5 ? c0 : c1;
  c.xy += normal * (position.y * halfWidth) / half0 * c.w;
  vT = position.x;
  vAcross = position.y * halfWidth;
  gl_Position = c;
}
`;

const fragmentShader = /* glsl */ `
layout(location = 0) out highp vec4 fragColor;
const float CREST = 2.6;
in vec4 vFrom;
in vec4 vTo;
in float vT;
in float vAcross;
in float vFront;
uniform float uAhead[1];
void main() {
  // Behind the front the new values, ahead of it the old ones; a soft edge
  // and a bright crest where the front is right now.
  float f = vFront * 1.08;
  float behind = 1.0 - smoothstep(f - 0.08, f, vT);
  vec4 c = mix(vec4(vFrom.rgb * uAhead[0], vFrom.a), vTo, behind);
  float crest = vFront > 0.0 && vFront < 1.0 ? exp(-pow((vT - f + 0.04) / 0.07, 2.0)) : 0.0;
  float halfWidth = c.a;
  // Anti-aliased edge; a line thinner than a pixel gets dimmer instead.
  float cover = clamp(halfWidth + 0.5 - abs(vAcross), 0.0, 1.0) * min(1.0, halfWidth * 2.0);
  vec3 rgb = c.rgb * cover + vTo.rgb * CREST * crest * clamp(vTo.a + 0.5 - abs(vAcross), 0.0, 1.0);
  fragColor = vec4(rgb, 1.0);
}
`;

export function createConnectionsMesh(layout: NetworkLayout, uniforms: ConnectionUniforms, maxPerLayer = Infinity): Mesh<InstancedBufferGeometry, ShaderMaterial> {
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
  const start = new Float32Array(total * 3);
  const end = new Float32Array(total * 3);
  const source = new Float32Array(total);
  const weight = new Float32Array(total);
  const layerOf = new Float32Array(total);
  let v = 0;
  let weightBase = 0;
  for (let l = 0; l + 1 < layers.length; l++) {
    const from = layers[l]!;
    const to = layers[l + 1]!;
    const stride = strides[l]!;
    // Connection order matches the weights: row-major [out][in], as PyTorch stores it.
    for (let c = 0; c < from.size * to.size; c += stride) {
      const o = Math.floor(c / from.size);
      const i = c - o * from.size;
      const src = from.offset + i;
      const dst = to.offset + o;
      start.set(positions.subarray(src * 3, src * 3 + 3), v * 3);
      end.set(positions.subarray(dst * 3, dst * 3 + 3), v * 3);
      source[v] = src;
      weight[v] = weightBase + c;
      layerOf[v] = l;
      v++;
    }
    weightBase += from.size * to.size;
  }
  const geometry = new InstancedBufferGeometry();
  // The base quad: x = 0 at the source end, 1 at the target end; y = -1..1 across.
  geometry.setAttribute('position', new BufferAttribute(new Float32Array([0, -1, 0, 1, -1, 0, 0, 1, 0, 1, 1, 0]), 3));
  geometry.setIndex([0, 1, 2, 2, 1, 3]);
  geometry.setAttribute('aStart', new InstancedBufferAttribute(start, 3));
  geometry.setAttribute('aEnd', new InstancedBufferAttribute(end, 3));
  geometry.setAttribute('aSource', new InstancedBufferAttribute(source, 1));
  geometry.setAttribute('aWeight', new InstancedBufferAttribute(weight, 1));
  geometry.setAttribute('aLayer', new InstancedBufferAttribute(layerOf, 1));
  geometry.instanceCount = total;

  // Under additive blending a dense layer piles hundreds of lines onto each
  // pixel where they converge: scale each line down with the layer's
  // connection count so that the picture glows instead of burning white.
  const gain = new Float32Array(layers.length);
  const restGain = new Float32Array(layers.length);
  for (let l = 0; l + 1 < layers.length; l++) {
    const root = Math.sqrt(layers[l]!.size * layers[l + 1]!.size);
    gain[l] = Math.min(1.5, 14 / root);
    restGain[l] = Math.min(0.3, 1.0 / root);
  }
  const viewport = new Vector2(1, 1);
  const material = new ShaderMaterial({
    glslVersion: GLSL3,
    vertexShader,
    fragmentShader,
    defines: { LAYERS: layers.length, NODES: layout.nodeCount },
    uniforms: {
      ...uniforms.weightSource.uniforms,
      uActivations: { value: uniforms.activations.texture },
      uWeightScale: { value: uniforms.weightScale },
      uGain: { value: gain },
      uRestGain: { value: restGain },
      uFront: { value: uniforms.front },
      uAhead: { value: uniforms.ahead },
      uEmphasis: { value: EMPHASIS_LEVELS.balanced },
      uViewport: { value: viewport },
      uPixelRatio: { value: 1 },
    },
    transparent: true,
    blending: AdditiveBlending,
    depthWrite: false,
    depthTest: false,
  });
  const mesh = new Mesh(geometry, material);
  mesh.name = 'connections';
  // Widths are in pixels: the shader needs the drawing buffer's size, read just before the draw.
  mesh.onBeforeRender = (renderer: WebGLRenderer) => {
    renderer.getDrawingBufferSize(viewport);
    material.uniforms.uPixelRatio!.value = renderer.getPixelRatio();
  };
  // Instances sit anywhere in the layout; the base quad's bounds say nothing about them.
  mesh.frustumCulled = false;
  mesh.renderOrder = 0;
  return mesh;
}
