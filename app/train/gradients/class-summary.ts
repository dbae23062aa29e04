import { GradientInputError } from './gradient-error.js';
import type { GradientNorms } from './gradient-norms.js';

export interface ClassGradientSummary {
  readonly label: number;
  readonly count: number;
  readonly meanNorm: number;
  readonly medianNorm: number;
  readonly meanLoss: number;
  /** Fraction of this class's samples the network gets wrong. */
  readonly errorRate: number;
}

export interface HardSample {
  readonly index: number;
  readonly label: number;
  readonly predicted: number;
  readonly norm: number;
  readonly loss: number;
}

/** "Which digits are hardest to learn": per-class gradient norms and the samples with the largest ones. */
export interface GradientNormSummary {
  /** One entry per class that has samples, in label order. */
  readonly classes: readonly ClassGradientSummary[];
  /** Labels ordered from the largest mean gradient norm to the smallest. */
  readonly hardestClasses: readonly number[];
  /** The `top` samples with the largest gradient norms, largest first (ties: lower index first). */
  readonly hardestSamples: readonly HardSample[];
}

/**
 * Summarises per-sample norms by label. A large gradient norm means the
 * sample still pulls hard on the weights: misclassified or barely right.
 */
export function summarizeGradientNorms(result: GradientNorms, labels: Uint8Array, top = 10): GradientNormSummary {
  if (labels.length !== result.count) throw new GradientInputError('labels', `holds ${labels.length} labels for ${result.count} norms`);
  if (!Number.isInteger(top) || top < 0) throw new GradientInputError('top', `is ${top}; must be a whole number of at least 0`);
  const byClass = new Map<number, number[]>();
  for (let s = 0; s < result.count; s++) {
    const label = labels[s] as number;
    let list = byClass.get(label);
    if (!list) byClass.set(label, (list = []));
    list.push(s);
  }
  const classes = [...byClass.keys()].sort((a, b) => a - b).map((label): ClassGradientSummary => {
    const members = byClass.get(label) as number[];
    const norms = Float64Array.from(members, (s) => result.norms[s] as number).sort();
    let normSum = 0;
    let lossSum = 0;
    let wrong = 0;
    for (const s of members) {
      normSum += result.norms[s] as number;
      lossSum += result.losses[s] as number;
      if (result.predicted[s] !== label) wrong++;
    }
    return { label, count: members.length, meanNorm: normSum / members.length, medianNorm: median(norms), meanLoss: lossSum / members.length, errorRate: wrong / members.length };
  });
  const hardestClasses = [...classes].sort((a, b) => b.meanNorm - a.meanNorm || a.label - b.label).map((c) => c.label);
  return { classes, hardestClasses, hardestSamples: topSamples(result, labels, top) };
}

function median(sorted: Float64Array): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function topSamples(result: GradientNorms, labels: Uint8Array, top: number): HardSample[] {
  const order = Array.from({ length: result.count }, (_, s) => s);
  order.sort((a, b) => (result.norms[b] as number) - (result.norms[a] as number) || a - b);
  return order.slice(0, top).map((index) => ({
    index,
    label: labels[index] as number,
    predicted: result.predicted[index] as number,
    norm: result.norms[index] as number,
    loss: result.losses[index] as number,
  }));
}
