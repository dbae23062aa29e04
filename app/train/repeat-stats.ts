export interface RepeatStats {
  readonly n: number;
  readonly mean: number;
  /** Sample standard deviation (n - 1 in the denominator); 0 for a single run. */
  readonly std: number;
  readonly min: number;
  readonly max: number;
}

/** Mean and spread of the final test accuracies of `kiosk train --repeat K`. */
export function repeatStats(values: readonly number[]): RepeatStats {
  if (values.length === 0) throw new RangeError('repeat statistics need at least one run');
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const squares = values.reduce((a, v) => a + (v - mean) ** 2, 0);
  return { n, mean, std: n > 1 ? Math.sqrt(squares / (n - 1)) : 0, min: Math.min(...values), max: Math.max(...values) };
}
