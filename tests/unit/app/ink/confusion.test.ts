import { describe, expect, it } from 'vitest';
import { accuracyOfConfusion, confusionTable, emptyConfusion } from '../../../../app/ink/confusion.js';

describe('confusion matrix', () => {
  it('counts correct answers on the diagonal', () => {
    const c = emptyConfusion(3);
    c[0]![0] = 5;
    c[1]![2] = 1;
    c[2]![2] = 4;
    expect(accuracyOfConfusion(c)).toEqual({ correct: 9, n: 10, accuracy: 0.9 });
    expect(accuracyOfConfusion(emptyConfusion())).toEqual({ correct: 0, n: 0, accuracy: 0 });
    expect(confusionTable(c).split('\n')).toEqual(['true\\got   0   1   2', '       0   5   0   0', '       1   0   0   1', '       2   0   0   4']);
  });
});
