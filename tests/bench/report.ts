/** One benchmark figure, printed as one JSON line: {"name", "value", "unit", ...notes}. */
export type Report = (name: string, value: number, unit: string, notes?: Record<string, unknown>) => void;

export const printReport: Report = (name, value, unit, notes) => {
  process.stdout.write(JSON.stringify({ name, value: Number(value.toPrecision(4)), unit, ...notes }) + '\n');
};

/** The q-quantile (0..1) of samples, nearest-rank. */
export function quantile(samples: readonly number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
}

export function median(samples: readonly number[]): number {
  return quantile(samples, 0.5);
}
