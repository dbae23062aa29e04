import { BufferAttribute, BufferGeometry, CanvasTexture, LinearFilter, Mesh, ShaderMaterial, SRGBColorSpace } from 'three';
import type { LayerLayout, NetworkLayout } from './network-layout.js';

/** Glyph cells in the label atlas: one row of 64 x 64 pixel cells. */
const CELL = 64;

/**
 * "0".."9" (or 0..n-1) next to the output neurons, facing the viewer like
 * sprites, but as one mesh with one atlas texture: ten sprites were ten draw
 * calls, and those cost the display's main thread about as much per frame as
 * everything else it draws (display bench, docs/BENCHMARKS.md).
 */
export function createOutputLabels(layout: NetworkLayout): Mesh<BufferGeometry, ShaderMaterial> {
  const output = layout.layers[layout.layers.length - 1] as LayerLayout;
  const count = output.kind === 'output' && output.columns === 1 ? output.size : 0;
  const centres = new Float32Array(count * 4 * 3);
  const corners = new Float32Array(count * 4 * 2);
  const uvs = new Float32Array(count * 4 * 2);
  const index = new Uint16Array(count * 6);
  const quad = [-0.5, -0.5, 0.5, -0.5, 0.5, 0.5, -0.5, 0.5];
  for (let k = 0; k < count; k++) {
    const g = (output.offset + k) * 3;
    const centre = [layout.positions[g] as number, layout.positions[g + 1] as number, (layout.positions[g + 2] as number) + output.spacing * 1.2];
    for (let v = 0; v < 4; v++) {
      const i = k * 4 + v;
      centres.set(centre, i * 3);
      corners[i * 2] = quad[v * 2] as number;
      corners[i * 2 + 1] = quad[v * 2 + 1] as number;
      uvs[i * 2] = (k + (quad[v * 2] as number) + 0.5) / count;
      uvs[i * 2 + 1] = (quad[v * 2 + 1] as number) + 0.5;
    }
    index.set([k * 4, k * 4 + 1, k * 4 + 2, k * 4, k * 4 + 2, k * 4 + 3], k * 6);
  }
  const geometry = new BufferGeometry();
  geometry.setAttribute('position', new BufferAttribute(centres, 3));
  geometry.setAttribute('corner', new BufferAttribute(corners, 2));
  geometry.setAttribute('uv', new BufferAttribute(uvs, 2));
  geometry.setIndex(new BufferAttribute(index, 1));
  const material = new ShaderMaterial({
    uniforms: { uMap: { value: count ? atlasTexture(count) : null }, uSize: { value: output.spacing * 0.9 } },
    // As three's sprites: the corner is added in view space, so the quad always faces the camera.
    vertexShader: /* glsl */ `
      attribute vec2 corner;
      uniform float uSize;
      varying vec2 vUv;
      void main() {
        vUv = uv;
        vec4 mvPosition = modelViewMatrix * vec4(position, 1.0);
        mvPosition.xy += corner * uSize;
        gl_Position = projectionMatrix * mvPosition;
      }`,
    fragmentShader: /* glsl */ `
      uniform sampler2D uMap;
      varying vec2 vUv;
      void main() {
        gl_FragColor = texture2D(uMap, vUv);
        #include <colorspace_fragment>
      }`,
    transparent: true,
    depthWrite: false,
  });
  const mesh = new Mesh(geometry, material);
  mesh.name = 'output-labels';
  mesh.renderOrder = 2;
  // The centres are the positions: the bounding sphere would miss the quads' corners, and ten labels need no culling.
  mesh.frustumCulled = false;
  return mesh;
}

/** The digits side by side, one 64 x 64 cell each. */
function atlasTexture(count: number): CanvasTexture {
  const canvas = document.createElement('canvas');
  canvas.width = CELL * count;
  canvas.height = CELL;
  const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
  ctx.fillStyle = '#dfe6ee';
  ctx.font = '600 44px "Inter", "Segoe UI", "DejaVu Sans", Arial, sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  for (let k = 0; k < count; k++) ctx.fillText(String(k), k * CELL + CELL / 2, 35);
  const texture = new CanvasTexture(canvas);
  texture.colorSpace = SRGBColorSpace;
  texture.minFilter = LinearFilter;
  texture.generateMipmaps = false;
  return texture;
}

/** The mesh owns its geometry, material and atlas: dispose all three. */
export function disposeLabels(labels: Mesh<BufferGeometry, ShaderMaterial>): void {
  (labels.material.uniforms.uMap!.value as CanvasTexture | null)?.dispose();
  labels.material.dispose();
  labels.geometry.dispose();
}
