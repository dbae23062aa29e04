/**
 * Forgiving picking for fingers: the point nearest to (x, y) among screen
 * positions, if it lies within `radius`. A child's fingertip covers many
 * small nodes' worth of pixels; asking "which node is under the exact pixel"
 * would miss most taps. Ties (overlapping nodes seen at an angle) go to the
 * one nearer the viewer.
 */
export interface ScreenPoints {
  /** x, y per point, in the same units as the tap (CSS pixels). */
  readonly xy: Float32Array;
  /** Depth per point (smaller is nearer the viewer); NaN marks a point behind the camera. */
  readonly depth: Float32Array;
}

export function nearestPoint(points: ScreenPoints, x: number, y: number, radius: number): number {
  let best = -1;
  let bestD2 = radius * radius;
  let bestDepth = Infinity;
  const n = points.depth.length;
  for (let i = 0; i < n; i++) {
    const depth = points.depth[i] as number;
    if (Number.isNaN(depth)) continue;
    const dx = (points.xy[i * 2] as number) - x;
    const dy = (points.xy[i * 2 + 1] as number) - y;
    const d2 = dx * dx + dy * dy;
    // Within half a pixel counts as the same distance: then the nearer one wins.
    if (d2 < bestD2 - 0.25 || (Math.abs(d2 - bestD2) <= 0.25 && depth < bestDepth)) {
      best = i;
      bestD2 = d2;
      bestDepth = depth;
    }
  }
  return best;
}
