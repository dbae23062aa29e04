import { DoubleSide, GLSL3, InstancedBufferAttribute, InstancedBufferGeometry, Mesh, PlaneGeometry, ShaderMaterial } from 'three';
import { FETCH_GLSL, type FloatTexture } from './float-texture.js';
import type { NetworkLayout } from './network-layout.js';

/**
 * Every neuron in one instanced draw: input pixels as flat tiles in their
 * layer's plane (so the 28x28 input reads as the image it is), hidden and
 * output neurons as glowing discs facing the camera. Brightness comes from
 * the shared activation texture; per-instance data is written once per
 * architecture.
 */
const vertexShader = /* glsl */ `
in vec3 aCenter;
in float aNode;
in float aLayer;
in float aSize;
in float aTile;
uniform highp sampler2D uActivations;
uniform float uNodeMix[LAYERS];
uniform float uAhead[1];
out vec2 vUv;
out float vValue;
out float vTile;
${FETCH_GLSL}
void main() {
  // Old value ("from") to new ("to") as the propagation wave reaches this layer;
  // a short flare while it turns makes the arrival visible.
  float m = uNodeMix[int(aLayer + 0.5)];
  float from = fetchValue(uActivations, aNode);
  float to = fetchValue(uActivations, aNode + float(NODES));
  float v = clamp(mix(from * uAhead[0], to, m), 0.0, 1.0);
  vValue = min(1.0, v * (1.0 + 2.4 * m * (1.0 - m)) + 0.35 * m * (1.0 - m) * step(0.5, 1.0 - aTile));
  vTile = aTile;
  vUv = position.xy;
  if (aTile > 0.5) {
    // Tiles lie in the layer's y-z plane: image x runs along z, image y along y.
    vec3 p = aCenter + vec3(0.0, position.y, position.x) * aSize;
    gl_Position = projectionMatrix * modelViewMatrix * vec4(p, 1.0);
  } else {
    vec4 mv = modelViewMatrix * vec4(aCenter, 1.0);
    mv.xy += position.xy * aSize * (1.0 + 0.5 * v);
    gl_Position = projectionMatrix * mv;
  }
}
`;

const fragmentShader = /* glsl */ `
layout(location = 0) out highp vec4 fragColor;
in vec2 vUv;
in float vValue;
in float vTile;
void main() {
  if (vTile > 0.5) {
    vec2 e = abs(vUv);
    if (max(e.x, e.y) > 0.44) discard;
    fragColor = vec4(mix(vec3(0.06, 0.08, 0.12), vec3(0.96, 0.97, 1.0), vValue), 1.0);
    return;
  }
  float r = length(vUv) * 2.0;
  if (r > 1.0) discard;
  vec3 off = vec3(0.16, 0.21, 0.29);
  vec3 on = vec3(1.0, 0.74, 0.38);
  float rim = smoothstep(1.0, 0.82, r);
  vec3 c = mix(off, on, vValue) * rim + on * vValue * (1.0 - r) * 0.8;
  fragColor = vec4(c, rim);
}
`;

/** `activations` holds "from" and "to" values (see connections-mesh.ts), already scaled to 0..1; `nodeMix` per layer says how far each has turned. */
export function createNodesMesh(layout: NetworkLayout, activations: FloatTexture, nodeMix: Float32Array, ahead: Float32Array): Mesh {
  const n = layout.nodeCount;
  const center = new Float32Array(n * 3);
  const node = new Float32Array(n);
  const layer = new Float32Array(n);
  const size = new Float32Array(n);
  const tile = new Float32Array(n);
  layout.layers.forEach((l, li) => {
    const isTile = l.kind === 'input' && l.columns === l.rows;
    for (let k = 0; k < l.size; k++) {
      const g = l.offset + k;
      center.set(layout.positions.subarray(g * 3, g * 3 + 3), g * 3);
      node[g] = g;
      layer[g] = li;
      tile[g] = isTile ? 1 : 0;
      size[g] = isTile ? l.spacing : l.kind === 'output' ? l.spacing * 0.55 : l.spacing * 0.62;
    }
  });
  const geometry = new InstancedBufferGeometry();
  const quad = new PlaneGeometry(1, 1);
  geometry.index = quad.index;
  geometry.setAttribute('position', quad.getAttribute('position'));
  geometry.setAttribute('aCenter', new InstancedBufferAttribute(center, 3));
  geometry.setAttribute('aNode', new InstancedBufferAttribute(node, 1));
  geometry.setAttribute('aLayer', new InstancedBufferAttribute(layer, 1));
  geometry.setAttribute('aSize', new InstancedBufferAttribute(size, 1));
  geometry.setAttribute('aTile', new InstancedBufferAttribute(tile, 1));
  geometry.instanceCount = n;
  quad.dispose();

  const material = new ShaderMaterial({
    glslVersion: GLSL3,
    vertexShader,
    fragmentShader,
    defines: { LAYERS: layout.layers.length, NODES: n },
    uniforms: {
      uActivations: { value: activations.texture },
      uNodeMix: { value: nodeMix },
      uAhead: { value: ahead },
    },
    transparent: true,
    side: DoubleSide,
  });
  const mesh = new Mesh(geometry, material);
  mesh.name = 'nodes';
  // Instances sit anywhere in the layout; the base quad's bounds say nothing about them.
  mesh.frustumCulled = false;
  mesh.renderOrder = 1;
  return mesh;
}
