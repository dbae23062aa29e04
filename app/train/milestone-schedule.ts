/**
 * The training timeline's milestones, made exactly as the anchor's PyTorch
 * trainer makes them (its `build_default_timeline`): 35 points from random
 * weights to 50 passes over MNIST. The "about N images" points are fractions
 * of the 60,000-image MNIST training set, so a smaller training set (e.g.
 * --train-limit) gets a proportionally compressed timeline; thresholds are
 * rounded like Python's round() and forced to increase strictly.
 *
 * Where we differ: the reference always trains until its last milestone
 * (50x), whatever --epochs says. Here --epochs is the number of passes: the
 * timeline stops at epochs x the dataset, and when that end is not already a
 * milestone one more "N× dataset" point is added there, so the final weights
 * are always the timeline's last snapshot. With the default 50 epochs the two
 * timelines are identical.
 */

export interface Milestone {
  readonly id: string;
  readonly label: string;
  readonly kind: 'initial' | 'approx' | 'dataset_multiple';
  /** First batch boundary with images seen >= this captures the snapshot. */
  readonly targetImages: number;
  readonly datasetMultiple?: number;
}

/** The dataset size the reference's "about N images" points are fractions of. */
export const BASE_DATASET_SIZE = 60_000;

type Spec = readonly [id: string, label: string, kind: Milestone['kind'], ratio: number, multiple?: number];

const approx = (images: number, id: string, label: string): Spec => [id, label, 'approx', images / BASE_DATASET_SIZE];
const times = (multiple: number): Spec => [
  `dataset_${String(multiple).replace('.', '_')}x`,
  `${multiple}\u00d7 dataset`,
  'dataset_multiple',
  multiple,
  multiple,
];

const SPECS: readonly Spec[] = [
  ['initial', 'Initial weights', 'initial', 0],
  approx(50, 'approx_50', '\u224850 images'),
  approx(120, 'approx_120', '\u2248120 images'),
  approx(250, 'approx_250', '\u2248250 images'),
  approx(500, 'approx_500', '\u2248500 images'),
  approx(1_000, 'approx_1k', '\u22481k images'),
  approx(2_000, 'approx_2k', '\u22482k images'),
  approx(3_500, 'approx_3_5k', '\u22483.5k images'),
  approx(5_800, 'approx_5_8k', '\u22485.8k images'),
  approx(8_700, 'approx_8_7k', '\u22488.7k images'),
  approx(13_000, 'approx_13k', '\u224813k images'),
  approx(19_500, 'approx_19_5k', '\u224819.5k images'),
  approx(28_500, 'approx_28_5k', '\u224828.5k images'),
  approx(40_000, 'approx_40k', '\u224840k images'),
  times(1),
  approx(80_000, 'approx_80k', '\u224880k images'),
  ...[1.5, 2, 2.5, 3, 4, 5, 6.5, 8.5, 10, 12.5, 15, 17.5, 20, 25, 30, 35, 40, 45, 50].map(times),
];

/** The reference's timeline for a training set of `datasetSize` images, cut to `epochs` passes. */
export function buildMilestones(datasetSize: number, epochs: number): Milestone[] {
  if (!Number.isInteger(datasetSize) || datasetSize < 1) throw new RangeError(`dataset size must be a positive integer, got ${datasetSize}`);
  if (!Number.isInteger(epochs) || epochs < 0) throw new RangeError(`epochs must be a non-negative integer, got ${epochs}`);
  const all: Milestone[] = [];
  let last = -1;
  for (const [id, label, kind, ratio, multiple] of SPECS) {
    let target = ratio <= 0 ? 0 : Math.max(1, pyRound(datasetSize * ratio));
    if (target <= last) target = last + 1;
    all.push(multiple === undefined ? { id, label, kind, targetImages: target } : { id, label, kind, targetImages: target, datasetMultiple: multiple });
    last = target;
  }
  const total = datasetSize * epochs;
  const kept = all.filter((m) => m.targetImages <= total);
  if (epochs > 0 && !kept.some((m) => m.targetImages === total)) {
    const [id, label, kind, , multiple] = times(epochs);
    kept.push({ id, label, kind, targetImages: total, datasetMultiple: multiple! });
  }
  return kept;
}

/** The snapshot's description, worded and formatted as the reference's. */
export function describeSnapshot(milestone: Milestone, imagesSeen: number, batchesSeen: number, datasetSize: number): string {
  if (milestone.kind === 'initial') return '0 images processed (random initialisation)';
  if (milestone.kind === 'dataset_multiple' && milestone.datasetMultiple !== undefined) {
    return `${thousands(imagesSeen)} images \u2022 ${milestone.datasetMultiple}\u00d7 dataset \u2022 ${thousands(batchesSeen)} batches`;
  }
  return `${thousands(imagesSeen)} images processed \u2022 ${thousands(batchesSeen)} batches \u2022 ${pyFixed2(imagesSeen / datasetSize)}\u00d7 dataset`;
}

/** Python's round(x) for a float: halves go to the even neighbour. */
export function pyRound(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor; // exact for doubles of this size
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** Python's `f"{x:.2f}"` for x >= 0. */
export function pyFixed2(x: number): string {
  return pyFixed(x, 2);
}

/**
 * Python's `f"{x:.{digits}f}"` for x >= 0. Both round the exact binary value;
 * they differ only on exact ties (x * 2^(digits+1) an odd integer), which
 * Python rounds half to even and toFixed rounds up.
 */
export function pyFixed(x: number, digits: number): string {
  const scaled = x * 2 ** (digits + 1); // exact: a power of two
  if (Number.isInteger(scaled) && scaled % 2 === 1) {
    const units = pyRound(x * 10 ** digits); // exact for such ties at these sizes
    return (units / 10 ** digits).toFixed(digits);
  }
  return x.toFixed(digits);
}

/** Python's `f"{n:,}"` for an integer. */
export function thousands(n: number): string {
  const sign = n < 0 ? '-' : '';
  return sign + String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
