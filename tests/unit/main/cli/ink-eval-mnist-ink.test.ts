import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../../../helpers/fixtures.js';
import { runKiosk } from '../../../helpers/run-kiosk.js';

// Real people's digits (MNIST test images traced into pen strokes, see
// tests/fixtures/ink/README.md) through the real CLI, the pen path's
// preprocessing and the default model. Measured: 95.2% (the same 1000 images
// as scanned pixels: 97.7%); the floor leaves room for a retrained default
// model without letting the ink path quietly get worse.
const FILE = path.join(FIXTURES, 'ink/mnist-test-ink.jsonl');

describe('kiosk ink eval on MNIST handwriting as pen strokes', () => {
  it('evaluates all 1000 drawings, counts each under its own label and recognises most', async () => {
    const labelCounts = new Array<number>(10).fill(0);
    for (const line of readFileSync(FILE, 'utf8').trim().split('\n')) labelCounts[(JSON.parse(line) as { label: number }).label]!++;

    const run = await runKiosk(['ink', 'eval', FILE, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { accuracy: number; n: number; confusion: number[][] };
    expect(result.n).toBe(1000);
    const rowSums = result.confusion.map((row) => row.reduce((a, b) => a + b, 0));
    expect(rowSums).toEqual(labelCounts);
    expect(rowSums.reduce((a, b) => a + b, 0)).toBe(result.n);
    const correct = result.confusion.reduce((sum, row, digit) => sum + row[digit]!, 0);
    expect(result.accuracy).toBeCloseTo(correct / result.n, 10);
    expect(result.accuracy).toBeGreaterThanOrEqual(0.92);
  });
});
