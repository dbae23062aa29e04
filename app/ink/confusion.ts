/** A confusion matrix: rows are the true digit, columns what the network answered. */
export type Confusion = number[][];

export function emptyConfusion(classes = 10): Confusion {
  return Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
}

export function accuracyOfConfusion(confusion: Confusion): { correct: number; n: number; accuracy: number } {
  let correct = 0;
  let n = 0;
  confusion.forEach((row, i) =>
    row.forEach((count, j) => {
      n += count;
      if (i === j) correct += count;
    }),
  );
  return { correct, n, accuracy: n ? correct / n : 0 };
}

/** The matrix as a fixed-width text table for the terminal. */
export function confusionTable(confusion: Confusion): string {
  const width = Math.max(4, ...confusion.flat().map((c) => String(c).length + 1));
  const cell = (s: string | number) => String(s).padStart(width);
  const header = `true\\got${confusion.map((_, j) => cell(j)).join('')}`;
  const rows = confusion.map((row, i) => `${String(i).padStart(8)}${row.map(cell).join('')}`);
  return [header, ...rows].join('\n');
}
