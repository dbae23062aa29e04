import { centerOfMass } from '../../ink/center-of-mass.js';
import { MNIST_INK, type InkOptions } from '../../ink/ink-options.js';
import { compose, mapPoint, resample, translation, type Affine } from './affine.js';

/**
 * The pen path's normalization (app/ink/strokes-to-input.ts) done on an
 * image: the ink scaled so its longest side fits the box with the aspect
 * kept, then moved so its centre of mass lands on `centre`. The pen path fits
 * the stroke's outline where its intensity is 0.5 (centre line plus pen
 * radius) to the 20 px box; here that outline is where the row and column
 * maxima cross 0.5, interpolated between pixels. Measured that way, MNIST
 * test digits span 19.90 +- 0.18 px (their own 20x20 box), so fitting an
 * unchanged MNIST digit is close to the identity.
 *
 * Works on the map from the source image rather than on a resampled image,
 * so the digit is interpolated once, not once per correction (each bilinear
 * pass blurs). Returns the map source -> fitted output and the fitted image.
 */
export function penFit(source: Float32Array, size: number, forward: Affine, ink: InkOptions = MNIST_INK): { image: Float32Array; transform: Affine } {
  // Measure where the digit lands; when ink reaches the edge, again on a
  // canvas with a margin, so ink the transform moved past the edge still
  // counts, as the pen path sees all of a visitor's ink.
  let margin = 0;
  let measured = isIdentity(forward) ? source : resample(source, size, forward);
  if (touchesEdge(measured, size)) {
    margin = Math.ceil(size / 4);
    measured = resample(source, size, forward, size + 2 * margin, -margin);
  }
  const box = outline(measured, size + 2 * margin);
  if (!box) return { image: resample(source, size, forward), transform: forward };

  const longest = Math.max(box.maxX - box.minX, box.maxY - box.minY);
  const scale = longest > 0 ? ink.box / longest : 1;
  const midX = (box.minX + box.maxX) / 2 - margin;
  const midY = (box.minY + box.maxY) / 2 - margin;
  const fit: Affine = [scale, 0, size / 2 - midX * scale, 0, scale, size / 2 - midY * scale];
  let transform = compose(fit, forward);

  // Then the centre of mass. An affine map moves an image's centre of mass
  // where it moves the point, so aim with the source's, then correct once
  // on the sampled image (sampling shifts it by a few hundredths of a pixel,
  // more where ink left the image); the pen path also corrects twice.
  const aim = centerOfMass(source, size);
  if (aim) {
    const at = mapPoint(transform, aim.x, aim.y);
    transform = compose(translation(ink.centre - at.x, ink.centre - at.y), transform);
  }
  let image = resample(source, size, transform);
  const com = centerOfMass(image, size);
  if (com) {
    transform = compose(translation(ink.centre - com.x, ink.centre - com.y), transform);
    image = resample(source, size, transform, size, 0, image);
  }
  return { image, transform };
}

function isIdentity(m: Affine): boolean {
  return m[0] === 1 && m[1] === 0 && m[2] === 0 && m[3] === 0 && m[4] === 1 && m[5] === 0;
}

function touchesEdge(image: Float32Array, size: number): boolean {
  const last = size - 1;
  for (let i = 0; i < size; i++) {
    if ((image[i] as number) > 0 || (image[last * size + i] as number) > 0 || (image[i * size] as number) > 0 || (image[i * size + last] as number) > 0) return true;
  }
  return false;
}

/** Where the ink's 0.5 outline lies, from row and column maxima; undefined for no ink. */
function outline(image: Float32Array, size: number): { minX: number; maxX: number; minY: number; maxY: number } | undefined {
  const cols = new Float32Array(size);
  const rows = new Float32Array(size);
  let peak = 0;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const v = image[y * size + x] as number;
      if (v > (cols[x] as number)) cols[x] = v;
      if (v > (rows[y] as number)) rows[y] = v;
      if (v > peak) peak = v;
    }
  }
  if (!(peak > 0)) return undefined;
  // Faint ink (a thinned stroke) has no 0.5 outline; take half its peak.
  const level = Math.min(0.5, peak / 2);
  const [minX, maxX] = crossings(cols, level);
  const [minY, maxY] = crossings(rows, level);
  return { minX, maxX, minY, maxY };
}

/** First and last position where the profile reaches `level`, interpolated to the pixel before/after. */
function crossings(profile: Float32Array, level: number): [number, number] {
  const n = profile.length;
  let lo = 0;
  while (lo < n - 1 && (profile[lo] as number) < level) lo++;
  let hi = n - 1;
  while (hi > 0 && (profile[hi] as number) < level) hi--;
  const at = (i: number) => profile[i] as number;
  const first = lo > 0 ? lo - (at(lo) - level) / (at(lo) - at(lo - 1)) : lo;
  const last = hi < n - 1 ? hi + (at(hi) - level) / (at(hi) - at(hi + 1)) : hi;
  return [first, last];
}

/** An image fitted and centred as the pen path would present it. */
export function penNormalize(image: Float32Array, size: number, ink: InkOptions = MNIST_INK): Float32Array {
  return penFit(image, size, [1, 0, 0, 0, 1, 0], ink).image;
}
