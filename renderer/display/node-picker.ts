import { type PerspectiveCamera, Vector3 } from 'three';
import { nearestPoint, type ScreenPoints } from '../../app/inspect/nearest-point.js';
import type { NetworkLayout } from './network-layout.js';

/**
 * Which neuron a tap means. The nodes are one instanced shader mesh whose
 * discs grow in the vertex shader, so a Raycaster against geometry would
 * miss what visitors see; instead every node centre (~1k) is projected to
 * the screen and the nearest one within a finger's radius wins.
 */
export class NodePicker {
  private readonly points: ScreenPoints;
  private readonly v = new Vector3();

  constructor(
    private readonly layout: NetworkLayout,
    private readonly camera: PerspectiveCamera,
    private readonly canvas: HTMLCanvasElement,
  ) {
    this.points = { xy: new Float32Array(layout.nodeCount * 2), depth: new Float32Array(layout.nodeCount) };
  }

  /** Global node index under (clientX, clientY) within `radius` CSS px, or -1. */
  pick(clientX: number, clientY: number, radius: number): number {
    const rect = this.canvas.getBoundingClientRect();
    this.camera.updateMatrixWorld();
    const { positions, nodeCount } = this.layout;
    for (let i = 0; i < nodeCount; i++) {
      const [x, y, depth] = this.project(positions, i, rect);
      this.points.xy[i * 2] = x;
      this.points.xy[i * 2 + 1] = y;
      this.points.depth[i] = depth;
    }
    return nearestPoint(this.points, clientX, clientY, radius);
  }

  /** Where node `i` appears on the page (CSS px, client coordinates). */
  screenPosition(i: number): { x: number; y: number } {
    this.camera.updateMatrixWorld();
    const [x, y] = this.project(this.layout.positions, i, this.canvas.getBoundingClientRect());
    return { x, y };
  }

  private project(positions: Float32Array, i: number, rect: DOMRect): [number, number, number] {
    const v = this.v.set(positions[i * 3] as number, positions[i * 3 + 1] as number, positions[i * 3 + 2] as number).project(this.camera);
    const x = rect.left + ((v.x + 1) / 2) * rect.width;
    const y = rect.top + ((1 - v.y) / 2) * rect.height;
    return [x, y, v.z > 1 ? Number.NaN : v.z];
  }
}
