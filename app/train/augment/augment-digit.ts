import type { SeededRandom } from '../../random/seeded-random.js';
import { linearAbout, compose, translation, resample, type Affine } from './affine.js';
import { checkAugmentOptions, DEFAULT_AUGMENT, type AugmentOptions } from './augment-options.js';
import { penFit } from './pen-fit.js';
import { changeThickness } from './stroke-thickness.js';

/** The trainer's hook: one 28x28 image in [0, 1] (row-major) to a new one, deterministic for a given rng state. */
export type AugmentFn = (pixels: Float32Array, rng: SeededRandom) => Float32Array;

const SIZE = 28;
const PIXELS = SIZE * SIZE;
/** Rotation, scale and shear act about MNIST's (and the pen path's) centre of mass. */
const PIVOT = 14;

/**
 * One training digit varied as a visitor might draw it: strokes thickened
 * or thinned, then rotated, stretched, slanted, scaled and shifted in one
 * bilinear resampling, then (with probability `penFitProbability`) fitted to
 * the box and re-centred as the pen path presents visitor ink.
 *
 * Always draws the same eight numbers from `rng`, whatever the options, so
 * a trainer's random stream stays in step when the options change. Values
 * that are not finite count as background, and the result is clamped to
 * [0, 1].
 */
export function augmentDigit(pixels: Float32Array, rng: SeededRandom, options: AugmentOptions = DEFAULT_AUGMENT): Float32Array {
  if (pixels.length !== PIXELS) throw new RangeError(`augment: expected ${PIXELS} pixels (28x28), got ${pixels.length}`);
  const o = options;
  const angle = (rng.uniform(-1, 1) * o.rotationDeg * Math.PI) / 180;
  const scale = rng.uniform(o.scale[0], o.scale[1]);
  const aspect = Math.exp(rng.uniform(-1, 1) * Math.log1p(o.aspect));
  const shear = rng.uniform(-1, 1) * o.shear;
  const dx = rng.uniform(-1, 1) * o.translatePx;
  const dy = rng.uniform(-1, 1) * o.translatePx;
  const thickness = rng.uniform(o.thicknessPx[0], o.thicknessPx[1]);
  const fit = rng.next() < o.penFitProbability;

  const inked = changeThickness(sanitized(pixels), SIZE, thickness);
  // Width over height changes by `aspect` at the same area.
  const root = Math.sqrt(aspect);
  const shape = linearAbout(PIVOT, PIVOT, angle, scale * root, scale / root, shear);
  // A re-fitted sample does not need the scale and shift (the fit undoes
  // them), but applying them first is harmless and keeps one code path.
  const forward: Affine = compose(translation(dx, dy), shape);
  const out = fit ? penFit(inked, SIZE, forward).image : resample(inked, SIZE, forward);
  return clampUnit(out);
}

/** augmentDigit with options checked once (throws AugmentOptionsError naming a bad field). */
export function makeAugment(options: AugmentOptions = DEFAULT_AUGMENT): AugmentFn {
  const checked = checkAugmentOptions(options);
  return (pixels, rng) => augmentDigit(pixels, rng, checked);
}

function sanitized(pixels: Float32Array): Float32Array {
  const out = new Float32Array(PIXELS);
  for (let i = 0; i < PIXELS; i++) {
    const v = pixels[i] as number;
    out[i] = v > 0 ? (v < 1 ? v : 1) : 0; // NaN fails both tests: 0
  }
  return out;
}

function clampUnit(image: Float32Array): Float32Array {
  for (let i = 0; i < image.length; i++) {
    const v = image[i] as number;
    image[i] = v > 0 ? (v < 1 ? v : 1) : 0;
  }
  return image;
}
