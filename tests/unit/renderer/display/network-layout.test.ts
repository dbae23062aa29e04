import { describe, expect, it } from 'vitest';
import { ARCHITECTURES } from '../../../helpers/random-layers.js';
import { layoutNetwork } from '../../../../renderer/display/network-layout.js';

describe('layoutNetwork', () => {
  it('lays out 784-128-64-10 as a 28x28 input, two hidden grids and an output column', () => {
    const layout = layoutNetwork([784, 128, 64, 10]);
    expect(layout.nodeCount).toBe(986);
    expect(layout.layers.map((l) => [l.kind, l.columns, l.rows, l.offset])).toEqual([
      ['input', 28, 28, 0],
      ['hidden', 12, 11, 784],
      ['hidden', 8, 8, 912],
      ['output', 1, 10, 976],
    ]);
    // Layers stand left to right, centred on the origin.
    const xs = layout.layers.map((l) => l.x);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(xs[0]! + xs[3]!).toBeCloseTo(0);
  });

  it('puts input pixel 0 at the top left and pixel 27 at the top right (image y down)', () => {
    const { positions } = layoutNetwork([784, 10]);
    const y0 = positions[1]!;
    const z0 = positions[2]!;
    const z27 = positions[27 * 3 + 2]!;
    const y783 = positions[783 * 3 + 1]!;
    expect(y0).toBeGreaterThan(y783);
    expect(z27).toBeGreaterThan(z0);
  });

  it('lays out any stack of dense layers with finite, distinct positions', () => {
    for (const architecture of [[2, 3], [100, 7, 7, 7, 3], [4096, 1000, 50]]) {
      const layout = layoutNetwork(architecture);
      expect(layout.nodeCount).toBe(architecture.reduce((a, b) => a + b, 0));
      expect(layout.positions.every(Number.isFinite)).toBe(true);
      const seen = new Set<string>();
      for (let i = 0; i < layout.nodeCount; i++) seen.add(Array.from(layout.positions.subarray(i * 3, i * 3 + 3)).join());
      expect(seen.size).toBe(layout.nodeCount);
    }
  });

  it('lays out every architecture the model tests use: layers left to right, each within its side, outputs a labelled column', () => {
    for (const { name, sizes } of ARCHITECTURES) {
      const layout = layoutNetwork(sizes);
      const xs = layout.layers.map((l) => l.x);
      expect(xs, name).toEqual([...xs].sort((a, b) => a - b));
      expect(new Set(xs).size, name).toBe(sizes.length);
      // Every layer fits in a square of a few world units, so the camera can frame any of them.
      expect(Math.max(layout.extent.y, layout.extent.z), name).toBeLessThanOrEqual(2);
      const output = layout.layers[layout.layers.length - 1]!;
      expect(output.kind, name).toBe('output');
      expect(output.columns, name).toBe(1);
    }
  });
});
