import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildMilestones, describeSnapshot, pyFixed2, pyRound, thousands } from '../../../../app/train/milestone-schedule.js';
import { MilestoneTracker, timelineEntryOf } from '../../../../app/train/milestone-tracker.js';
import { REFERENCE_MANIFEST } from '../../../helpers/fixtures.js';

interface RefEntry {
  id: string;
  label: string;
  kind: string;
  target_images: number;
  images_seen: number;
  batches_seen: number;
  dataset_passes: number;
  description: string;
  dataset_multiple?: number;
}
const reference = (JSON.parse(readFileSync(REFERENCE_MANIFEST, 'utf8')) as { timeline: RefEntry[] }).timeline;

/** The trainer's batch loop without the training: where does each milestone get captured? */
function simulate(datasetSize: number, batchSize: number, epochs: number) {
  const tracker = new MilestoneTracker(buildMilestones(datasetSize, epochs));
  const captured: ReturnType<typeof timelineEntryOf>[] = [];
  let images = 0;
  let batches = 0;
  const capture = () => tracker.due(images).forEach((m) => captured.push(timelineEntryOf(m, images, batches, datasetSize, { testAccuracy: 0, avgTrainingLoss: 0 })));
  capture();
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let start = 0; start < datasetSize; start += batchSize) {
      images += Math.min(batchSize, datasetSize - start);
      batches++;
      capture();
    }
  }
  return captured;
}

describe('the 35-milestone timeline', () => {
  it('reproduces every timeline field of the PyTorch reference (60k images, batches of 128, 50 epochs)', () => {
    const ours = simulate(60_000, 128, 50);
    expect(ours).toHaveLength(35);
    expect(reference).toHaveLength(35);
    ours.forEach((entry, i) => {
      const ref = reference[i]!;
      expect({
        id: entry.id,
        label: entry.label,
        kind: entry.kind,
        target_images: entry.targetImages,
        images_seen: entry.imagesSeen,
        batches_seen: entry.batchesSeen,
        dataset_passes: entry.datasetPasses,
        description: entry.description,
        dataset_multiple: entry.datasetMultiple,
      }).toEqual({
        id: ref.id,
        label: ref.label,
        kind: ref.kind,
        target_images: ref.target_images,
        images_seen: ref.images_seen,
        batches_seen: ref.batches_seen,
        dataset_passes: ref.dataset_passes,
        description: ref.description,
        dataset_multiple: ref.dataset_multiple,
      });
    });
  });

  it('captures several milestones at one batch boundary, as the reference does for about 50 and about 120 images', () => {
    const ours = simulate(60_000, 128, 1);
    expect(ours.slice(1, 3).map((e) => [e.id, e.imagesSeen, e.batchesSeen])).toEqual([
      ['approx_50', 128, 1],
      ['approx_120', 128, 1],
    ]);
  });

  it('stops at the requested epochs and ends on the final weights', () => {
    const one = buildMilestones(60_000, 1);
    expect(one.map((m) => m.id).slice(-2)).toEqual(['approx_40k', 'dataset_1x']);
    const seven = buildMilestones(60_000, 7);
    expect(seven.at(-2)!.id).toBe('dataset_6_5x');
    expect(seven.at(-1)).toEqual({ id: 'dataset_7x', label: '7\u00d7 dataset', kind: 'dataset_multiple', targetImages: 420_000, datasetMultiple: 7 });
    expect(buildMilestones(60_000, 60).at(-1)!.id).toBe('dataset_60x');
    expect(buildMilestones(60_000, 0).map((m) => m.id)).toEqual(['initial']);
  });

  it('scales the "about N images" points to a smaller training set and keeps thresholds strictly increasing', () => {
    const small = buildMilestones(100, 2);
    const targets = small.map((m) => m.targetImages);
    expect(targets.slice(0, 4)).toEqual([0, 1, 2, 3]); // 50/60000*100 rounds to 0 -> at least 1, then forced up
    targets.slice(1).forEach((t, i) => expect(t).toBeGreaterThan(targets[i]!));
    expect(small.find((m) => m.id === 'dataset_1x')!.targetImages).toBe(100);
    expect(buildMilestones(2000, 1).find((m) => m.id === 'approx_40k')!.targetImages).toBe(1333);
  });

  it('refuses nonsense sizes', () => {
    expect(() => buildMilestones(0, 1)).toThrow(/dataset size/);
    expect(() => buildMilestones(10, -1)).toThrow(/epochs/);
    expect(() => buildMilestones(10, 1.5)).toThrow(/epochs/);
  });
});

describe('Python-compatible formatting', () => {
  it('round() sends halves to the even neighbour', () => {
    expect([0.5, 1.5, 2.5, 2.4999, 2.5001, 3].map(pyRound)).toEqual([0, 2, 2, 2, 3, 3]);
  });
  it('.2f rounds exact binary ties half to even (JavaScript toFixed rounds them up)', () => {
    expect(pyFixed2(0.125)).toBe('0.12');
    expect(pyFixed2(0.375)).toBe('0.38');
    expect(pyFixed2(0.0021333333333333334)).toBe('0.00');
    expect(pyFixed2(1.3349333333333333)).toBe('1.33');
  });
  it('thousands separators', () => {
    expect([0, 999, 1000, 3_000_000].map(thousands)).toEqual(['0', '999', '1,000', '3,000,000']);
  });
  it('describes the initial snapshot the reference way', () => {
    expect(describeSnapshot(buildMilestones(10, 1)[0]!, 0, 0, 10)).toBe('0 images processed (random initialisation)');
  });
});
