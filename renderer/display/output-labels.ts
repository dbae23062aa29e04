import { CanvasTexture, Group, LinearFilter, SRGBColorSpace, Sprite, SpriteMaterial } from 'three';
import type { LayerLayout, NetworkLayout } from './network-layout.js';

/** "0".."9" (or 0..n-1) next to the output neurons, as sprites so they always face the viewer. */
export function createOutputLabels(layout: NetworkLayout): Group {
  const group = new Group();
  group.name = 'output-labels';
  const output = layout.layers[layout.layers.length - 1] as LayerLayout;
  if (output.kind !== 'output' || output.columns !== 1) return group;
  for (let k = 0; k < output.size; k++) {
    const texture = labelTexture(String(k));
    const sprite = new Sprite(new SpriteMaterial({ map: texture, transparent: true, depthWrite: false }));
    const g = (output.offset + k) * 3;
    const [x, y, z] = [layout.positions[g] as number, layout.positions[g + 1] as number, layout.positions[g + 2] as number];
    sprite.position.set(x, y, z + output.spacing * 1.2);
    sprite.scale.setScalar(output.spacing * 0.9);
    sprite.renderOrder = 2;
    group.add(sprite);
  }
  return group;
}

function labelTexture(text: string): CanvasTexture {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 64;
  const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
  ctx.fillStyle = '#dfe6ee';
  ctx.font = '600 44px "Inter", "Segoe UI", "DejaVu Sans", Arial, sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(text, 32, 35);
  const texture = new CanvasTexture(canvas);
  texture.colorSpace = SRGBColorSpace;
  texture.minFilter = LinearFilter;
  texture.generateMipmaps = false;
  return texture;
}

/** Sprites own their material and texture: dispose both. */
export function disposeLabels(group: Group): void {
  for (const child of group.children) {
    const sprite = child as Sprite;
    sprite.material.map?.dispose();
    sprite.material.dispose();
  }
  group.clear();
}
