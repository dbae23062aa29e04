import { describe, expect, it } from 'vitest';
import { centerOfMass } from '../../../../../app/ink/center-of-mass.js';
import { SeededRandom } from '../../../../../app/random/seeded-random.js';
import { compose, IDENTITY, invert, linearAbout, resample, translation, type Affine } from '../../../../../app/train/augment/affine.js';

const apply = (m: Affine, x: number, y: number) => [m[0] * x + m[1] * y + m[2], m[3] * x + m[4] * y + m[5]];

function dot(x: number, y: number): Float32Array {
  const image = new Float32Array(784);
  image[y * 28 + x] = 1;
  return image;
}

/** Bilinear sampling of every output pixel, written the obvious way. */
function naiveResample(image: Float32Array, forward: Affine, outSize: number, origin: number): Float32Array {
  const inv = invert(forward);
  const at = (x: number, y: number) => (x >= 0 && y >= 0 && x < 28 && y < 28 ? (image[y * 28 + x] as number) : 0);
  const out = new Float32Array(outSize * outSize);
  for (let oy = 0; oy < outSize; oy++) {
    for (let ox = 0; ox < outSize; ox++) {
      const [sx, sy] = apply(inv, ox + origin, oy + origin) as [number, number];
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const fx = sx - x0;
      const fy = sy - y0;
      out[oy * outSize + ox] = (at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx) * (1 - fy) + (at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx) * fy;
    }
  }
  return out;
}

describe('affine maps and bilinear resampling', () => {
  it('rotates a pixel 90 degrees about (14, 14) to where it belongs: clockwise on screen, y down', () => {
    // 6 px right of the pivot ends 6 px below it.
    const out = resample(dot(20, 14), 28, linearAbout(14, 14, Math.PI / 2, 1, 1, 0));
    expect(out[20 * 28 + 14]).toBeCloseTo(1, 6);
    expect(out.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
  });

  it('rotates a pixel 30 degrees to a position between pixels, its centre of mass where the rotation puts it', () => {
    const m = linearAbout(14, 14, Math.PI / 6, 1, 1, 0);
    const [ex, ey] = apply(m, 24, 14); // (14 + 10 cos 30, 14 + 10 sin 30) = (22.66, 19)
    expect(ex).toBeCloseTo(14 + 10 * Math.cos(Math.PI / 6), 10);
    expect(ey).toBeCloseTo(19, 10);
    const out = resample(dot(24, 14), 28, m);
    // The brightest pixel is the nearest one, (23, 19); a rotated
    // single-pixel tent sampled on the grid keeps its centre of mass within
    // 0.1 px of the exact position.
    expect(out.indexOf(Math.max(...out))).toBe(19 * 28 + 23);
    const com = centerOfMass(out, 28)!;
    expect(Math.abs(com.x - ex!)).toBeLessThan(0.1);
    expect(Math.abs(com.y - ey!)).toBeLessThan(0.1);
  });

  it('shifts by whole pixels exactly and drops what leaves the image', () => {
    const image = new Float32Array(784).map((_, i) => (i % 29) / 28);
    const out = resample(image, 28, translation(3, -2));
    expect(out[10 * 28 + 13]).toBe(image[12 * 28 + 10]);
    expect(out[27 * 28 + 1]).toBe(0); // from row 29: outside
    expect(out[5 * 28 + 2]).toBe(0); // from column -1: outside
  });

  it('composes and inverts: m after its inverse is the identity', () => {
    const m = compose(translation(1.5, -2), linearAbout(14, 14, 0.3, 1.2, 0.8, 0.25));
    const round = compose(m, invert(m));
    for (let i = 0; i < 6; i++) expect(round[i]).toBeCloseTo(IDENTITY[i]!, 12);
    const [x, y] = apply(m, 3, 7);
    const back = apply(invert(m), x!, y!);
    expect(back[0]).toBeCloseTo(3, 12);
    expect(back[1]).toBeCloseTo(7, 12);
  });

  it('shears horizontally about the pivot: x moves by shear * (y - 14), y stays', () => {
    const m = linearAbout(14, 14, 0, 1, 1, 0.5);
    expect(apply(m, 10, 20)).toEqual([13, 20]);
    expect(apply(m, 10, 14)).toEqual([10, 14]);
  });

  it('samples nothing for a collapsed or non-finite map instead of NaN', () => {
    const image = new Float32Array(784).fill(1);
    for (const m of [[0, 0, 0, 0, 0, 0], [NaN, 0, 0, 0, 1, 0], [1, 0, Infinity, 0, 1, 0]] as Affine[]) {
      const out = resample(image, 28, m);
      expect(out.every((v) => Number.isFinite(v) && v >= 0 && v <= 1)).toBe(true);
    }
  });

  it('matches a plain bilinear sampler over every pixel (oracle for sampling only where the ink can reach)', () => {
    const rng = new SeededRandom(2);
    const image = new Float32Array(784);
    for (let y = 6; y < 22; y++) for (let x = 9; x < 19; x++) image[y * 28 + x] = rng.next();
    for (let k = 0; k < 20; k++) {
      const m = compose(translation(rng.uniform(-8, 8), rng.uniform(-8, 8)), linearAbout(14, 14, rng.uniform(-3, 3), rng.uniform(0.4, 2), rng.uniform(0.4, 2), rng.uniform(-1, 1)));
      for (const [outSize, origin] of [[28, 0], [44, -8]] as const) {
        const fast = resample(image, 28, m, outSize, origin);
        const slow = naiveResample(image, m, outSize, origin);
        const worst = Math.max(...Array.from(fast, (v, i) => Math.abs(v - (slow[i] as number))));
        expect(worst).toBeLessThan(1e-6);
      }
    }
  });

  it('can sample onto a larger canvas so nothing is clipped', () => {
    const out = resample(dot(27, 0), 28, translation(5, -5), 48, -10);
    expect(out[(-5 + 10) * 48 + (32 + 10)]).toBe(1);
  });
});
