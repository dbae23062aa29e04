import type { TimelineEntry } from '../model/types.js';
import { describeSnapshot, type Milestone } from './milestone-schedule.js';

/**
 * Which milestones are due: after every batch the trainer asks with the images
 * seen so far, and captures one snapshot for each milestone returned. Several
 * can fall due at the same batch boundary (with batches of 128, "about 50" and
 * "about 120" images are both captured after the first batch).
 */
export class MilestoneTracker {
  constructor(
    readonly milestones: readonly Milestone[],
    private next = 0,
  ) {}

  /** Index of the next milestone not yet captured (saved in checkpoints). */
  get nextIndex(): number {
    return this.next;
  }

  get done(): boolean {
    return this.next >= this.milestones.length;
  }

  due(imagesSeen: number): Milestone[] {
    const out: Milestone[] = [];
    while (this.next < this.milestones.length && imagesSeen >= this.milestones[this.next]!.targetImages) {
      out.push(this.milestones[this.next]!);
      this.next++;
    }
    return out;
  }
}

export interface SnapshotMetricsIn {
  readonly testAccuracy: number;
  /** Mean training loss per image over everything seen so far; undefined before the first batch. */
  readonly avgTrainingLoss?: number;
}

/** The timeline entry for a milestone captured now, as the reference fills it in. */
export function timelineEntryOf(
  milestone: Milestone,
  imagesSeen: number,
  batchesSeen: number,
  datasetSize: number,
  metrics: SnapshotMetricsIn,
): Omit<TimelineEntry, 'order' | 'weightsPath'> {
  return {
    id: milestone.id,
    label: milestone.label,
    kind: milestone.kind,
    targetImages: milestone.targetImages,
    imagesSeen,
    batchesSeen,
    datasetPasses: imagesSeen / datasetSize,
    description: describeSnapshot(milestone, imagesSeen, batchesSeen, datasetSize),
    metrics: imagesSeen > 0 ? { testAccuracy: metrics.testAccuracy, avgTrainingLoss: metrics.avgTrainingLoss } : { testAccuracy: metrics.testAccuracy },
    ...(milestone.datasetMultiple === undefined ? {} : { datasetMultiple: milestone.datasetMultiple }),
  };
}
