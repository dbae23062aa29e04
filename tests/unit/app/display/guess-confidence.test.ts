import { describe, expect, it } from 'vitest';
import { judgeGuess } from '../../../../app/display/guess-confidence.js';

const one = (k: number, p: number, rest: number[] = []): number[] => {
  const out = Array.from({ length: 10 }, () => 0);
  out[k] = p;
  rest.forEach((v, i) => (out[i] = out[i] === 0 ? v : out[i]!));
  return out;
};

describe('judgeGuess', () => {
  it('has no guess for an empty pad', () => {
    expect(judgeGuess(one(3, 1), true)).toEqual({ kind: 'none' });
  });

  it('is sure of a clear winner', () => {
    expect(judgeGuess(one(7, 0.93, [0.02, 0.05]), false)).toEqual({ kind: 'sure', digit: 7, probability: 0.93 });
  });

  it('is not sure when the top probability is below one half, and names the runner-up', () => {
    const p = [0.05, 0, 0, 0, 0.41, 0.1, 0, 0.06, 0, 0.38];
    expect(judgeGuess(p, false)).toEqual({ kind: 'unsure', digit: 4, probability: 0.41, second: 9 });
  });

  it('is not sure when the runner-up is close, even above one half', () => {
    const p = [0, 0, 0, 0.4, 0, 0.58, 0, 0, 0.02, 0];
    expect(judgeGuess(p, false)).toMatchObject({ kind: 'unsure', digit: 5, second: 3 });
  });

  it('finds the runner-up wherever it sits (first place included)', () => {
    const p = [0.45, 0.5, 0.05, 0, 0, 0, 0, 0, 0, 0];
    expect(judgeGuess(p, false)).toMatchObject({ kind: 'unsure', digit: 1, second: 0 });
  });

  it('is sure of a single class', () => {
    expect(judgeGuess([1], false)).toEqual({ kind: 'sure', digit: 0, probability: 1 });
  });
});
