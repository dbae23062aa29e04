import { SeededRandom } from '../../random/seeded-random.js';
import { linearAbout, resample, translation, type Affine } from './affine.js';
import { changeThickness } from './stroke-thickness.js';

const SIZE = 28;
const PIVOT = 14;

/**
 * A fixed, named change of the MNIST test digits for reporting a model's
 * accuracy under it. Each has its own fixed seed and draws its random signs
 * in image order, so the same images get the same change for every model and
 * figures compare across models and runs.
 */
export interface EvalTransform {
  readonly name: string;
  readonly description: string;
  readonly seed: number;
  /** One 28x28 image in [0, 1] to its changed copy. */
  readonly apply: (pixels: Float32Array, rng: SeededRandom) => Float32Array;
}

const through = (m: Affine) => (p: Float32Array) => resample(p, SIZE, m);
const sign = (rng: SeededRandom) => (rng.next() < 0.5 ? -1 : 1);
const rotate = (deg: number) => linearAbout(PIVOT, PIVOT, (deg * Math.PI) / 180, 1, 1, 0);
const scale = (s: number) => linearAbout(PIVOT, PIVOT, 0, s, s, 0);

export const EVAL_TRANSFORMS: readonly EvalTransform[] = [
  { name: 'plain', description: 'unchanged', seed: 0, apply: (p) => p.slice() },
  { name: 'rotated', description: 'rotated 15 degrees, either way at random', seed: 101, apply: (p, rng) => resample(p, SIZE, rotate(15 * sign(rng))) },
  {
    name: 'shifted',
    description: 'moved 3 px up, down, left or right at random',
    seed: 102,
    apply: (p, rng) => {
      const dir = rng.int(4);
      const [dx, dy] = ([[3, 0], [-3, 0], [0, 3], [0, -3]] as const)[dir]!;
      return resample(p, SIZE, translation(dx, dy));
    },
  },
  { name: 'scaled-0.75', description: 'shrunk to 0.75x about the centre', seed: 103, apply: through(scale(0.75)) },
  { name: 'scaled-1.25', description: 'enlarged to 1.25x about the centre', seed: 104, apply: through(scale(1.25)) },
  {
    name: 'sheared',
    description: 'slanted by a shear of 0.3 (about 17 degrees), either way at random',
    seed: 105,
    apply: (p, rng) => resample(p, SIZE, linearAbout(PIVOT, PIVOT, 0, 1, 1, 0.3 * sign(rng))),
  },
  { name: 'thickened', description: 'strokes thickened by 1 px (grey dilation)', seed: 106, apply: (p) => changeThickness(p, SIZE, 1) },
  { name: 'thinned', description: 'strokes thinned by 0.5 px (grey erosion)', seed: 107, apply: (p) => changeThickness(p, SIZE, -0.5) },
];

/** `count` consecutive 28x28 images (row-major, [0, 1]) changed by `transform`, with its own seed. */
export function applyEvalTransform(transform: EvalTransform, images: Float32Array, count: number, each?: (image: Float32Array) => Float32Array): Float32Array {
  const rng = new SeededRandom(transform.seed);
  const size = SIZE * SIZE;
  if (!(Number.isInteger(count) && count >= 0 && images.length >= count * size)) throw new RangeError(`eval transforms: ${images.length} values do not hold ${count} images of 28x28`);
  const out = new Float32Array(count * size);
  for (let i = 0; i < count; i++) {
    const changed = transform.apply(images.subarray(i * size, (i + 1) * size), rng);
    out.set(each ? each(changed) : changed, i * size);
  }
  return out;
}
