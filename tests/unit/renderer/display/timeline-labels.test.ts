import { describe, expect, it } from 'vitest';
import type { TimelineSummary } from '../../../../app/contract/model-info.js';
import { accuracyLine, endLabel, imagesLine } from '../../../../renderer/display/timeline-labels.js';

const snapshot = (imagesSeen: number, datasetPasses: number, accuracy: number | null): TimelineSummary => ({ id: 's', order: 0, label: '', kind: '', imagesSeen, datasetPasses, accuracy });

describe('timeline labels', () => {
  it('says how much the network has seen, in English and German', () => {
    expect(imagesLine(snapshot(0, 0, 0.0959), 'en')).toBe('Random weights: nothing learned yet');
    expect(imagesLine(snapshot(1024, 0.017, 0.5), 'en')).toBe('after 1,024 images');
    expect(imagesLine(snapshot(1024, 0.017, 0.5), 'de')).toBe('nach 1.024 Bildern');
    expect(imagesLine(snapshot(3_000_000, 50, 0.98), 'en')).toBe('after 50 × all 60,000 images');
    expect(imagesLine(snapshot(90_080, 1.5013, 0.9), 'de')).toBe('nach 1,5 × allen 60.000 Bildern');
  });

  it('gives the snapshot\'s test accuracy, or nothing when the export does not say', () => {
    expect(accuracyLine(snapshot(0, 0, 0.0959), 'en')).toBe('9.6% of test digits right');
    expect(accuracyLine(snapshot(0, 0, 0.9812), 'de')).toBe('98,1 % der Testziffern richtig');
    expect(accuracyLine(snapshot(0, 0, null), 'en')).toBe('');
  });

  it('names the right end of the scrubber after the last snapshot', () => {
    expect(endLabel(snapshot(3_000_000, 50, 0.98), 'en')).toBe('50 passes');
    expect(endLabel(snapshot(3_000_000, 50, 0.98), 'de')).toBe('50 Durchgänge');
  });
});
