import type { TimelineEntry } from '../../model/types.js';

/** One snapshot on the training curves; a metric the manifest does not give is undefined. */
export interface CurvePoint {
  readonly id: string;
  readonly images: number;
  readonly passes: number;
  /** Test accuracy as a fraction. */
  readonly accuracy?: number;
  /** Average training loss since the previous snapshot (the initial snapshot has none: nothing was trained). */
  readonly loss?: number;
}

export class ReportError extends Error {
  override readonly name = 'ReportError';
}

/**
 * The timeline's metrics as points to plot. Refuses a timeline that has
 * nothing to plot, naming the manifest, rather than drawing empty axes.
 */
export function curvePoints(timeline: readonly TimelineEntry[], source: string): CurvePoint[] {
  const points = timeline.map((e) => ({
    id: e.id,
    images: e.imagesSeen,
    passes: e.datasetPasses,
    accuracy: finiteOrUndefined(e.metrics.testAccuracy),
    loss: finiteOrUndefined(e.metrics.avgTrainingLoss),
  }));
  if (!points.some((p) => p.accuracy !== undefined || p.loss !== undefined)) {
    throw new ReportError(`${source}: no timeline entry has metrics.test_accuracy or metrics.avg_training_loss; nothing to plot`);
  }
  return points;
}

function finiteOrUndefined(v: number | undefined): number | undefined {
  return v !== undefined && Number.isFinite(v) ? v : undefined;
}

/** Images per pass over the training set, from any snapshot past the first pass (60,000 for MNIST). */
export function imagesPerPass(points: readonly CurvePoint[]): number | undefined {
  const p = points.find((q) => q.passes >= 1 && q.images > 0);
  return p ? Math.round(p.images / p.passes) : undefined;
}
