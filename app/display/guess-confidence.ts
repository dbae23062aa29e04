/**
 * Whether the network is sure enough to show one big answer. A visitor's
 * scribble that looks like a 4 and a 9 at once should be told so honestly,
 * not shown as "4" because 0.41 beat 0.38.
 */
export type Guess =
  | { readonly kind: 'none' }
  | { readonly kind: 'sure'; readonly digit: number; readonly probability: number }
  | { readonly kind: 'unsure'; readonly digit: number; readonly probability: number; readonly second: number };

/** Below this top probability the network is not sure. */
export const SURE_PROBABILITY = 0.5;
/** A runner-up this close to the top guess also makes it unsure. */
export const SURE_MARGIN = 0.2;

export function judgeGuess(probabilities: readonly number[], empty: boolean): Guess {
  if (empty || probabilities.length === 0) return { kind: 'none' };
  let top = 0;
  let second = -1;
  for (let k = 1; k < probabilities.length; k++) {
    const p = probabilities[k] as number;
    if (p > (probabilities[top] as number)) {
      second = top;
      top = k;
    } else if (second < 0 || p > (probabilities[second] as number)) {
      second = k;
    }
  }
  const probability = probabilities[top] as number;
  const runnerUp = second < 0 ? 0 : (probabilities[second] as number);
  if (second >= 0 && (probability < SURE_PROBABILITY || probability - runnerUp < SURE_MARGIN)) {
    return { kind: 'unsure', digit: top, probability, second };
  }
  return { kind: 'sure', digit: top, probability };
}
