import { describe, expect, it } from 'vitest';
import { nearestPoint } from '../../../../app/inspect/nearest-point.js';

const points = (xy: number[], depth: number[]) => ({ xy: Float32Array.from(xy), depth: Float32Array.from(depth) });

describe('nearestPoint', () => {
  it('picks the nearest point within the radius, nothing beyond it', () => {
    const p = points([0, 0, 100, 0, 100, 30], [1, 1, 1]);
    expect(nearestPoint(p, 90, 5, 24)).toBe(1);
    expect(nearestPoint(p, 100, 20, 24)).toBe(2);
    expect(nearestPoint(p, 50, 50, 24)).toBe(-1);
  });

  it('gives overlapping points to the one nearer the viewer, and skips points behind the camera', () => {
    const p = points([10, 10, 10, 10, 12, 10], [5, 2, Number.NaN]);
    expect(nearestPoint(p, 10, 10, 20)).toBe(1);
    expect(nearestPoint(p, 12, 10, 20)).toBe(1);
  });
});
