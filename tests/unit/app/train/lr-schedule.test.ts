import { describe, expect, it } from 'vitest';
import { learningRateAt } from '../../../../app/train/lr-schedule.js';

describe('learningRateAt', () => {
  it('constant: the same step size for every step, as the reference trainer', () => {
    for (const step of [1, 50, 23_450]) expect(learningRateAt('constant', 1e-3, step, 23_450)).toBe(1e-3);
  });

  it('cosine: full at the first step, half at the middle, near zero at the last, never rising', () => {
    const total = 1000;
    expect(learningRateAt('cosine', 1e-3, 1, total)).toBe(1e-3);
    expect(learningRateAt('cosine', 1e-3, 501, total)).toBeCloseTo(5e-4, 12);
    const last = learningRateAt('cosine', 1e-3, total, total);
    expect(last).toBeGreaterThan(0);
    expect(last).toBeLessThan(1e-8);
    let previous = Infinity;
    for (let step = 1; step <= total; step++) {
      const lr = learningRateAt('cosine', 1e-3, step, total);
      expect(lr).toBeLessThanOrEqual(previous);
      previous = lr;
    }
  });

  it('stays at 0 past the planned steps and at lr for an empty run', () => {
    expect(learningRateAt('cosine', 1e-3, 5000, 1000)).toBe(0);
    expect(learningRateAt('cosine', 1e-3, 1, 0)).toBe(1e-3);
  });
});
