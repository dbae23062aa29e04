import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runKiosk } from '../../../helpers/run-kiosk.js';
import { SYNTHETIC_DIGITS, transformStrokes } from '../../../support/synthetic-digits.js';

const work = mkdtempSync(path.join(os.tmpdir(), 'kiosk-ink-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

type Pt = [number, number];
function jsonl(name: string, lines: unknown[]): string {
  const file = path.join(work, name);
  writeFileSync(file, lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n');
  return file;
}

// Where, how large and in which units a digit is drawn: the pen path's
// preprocessing (bounding box to 20x20, centre of mass to MNIST's) must make
// these the same digit to the network.
const PLACEMENTS: Array<[string, (s: Pt[][]) => Pt[][]]> = [
  ['as drawn (100 x 100 box)', (s) => s],
  ['tiny in the top-left corner of a big pad', (s) => transformStrokes(s, 0.12, 3, 5)],
  ['huge and off-centre', (s) => transformStrokes(s, 9, 4000, -2500)],
  ['in tablet points (y down, fractional)', (s) => transformStrokes(s, 0.0137, 0.5, 0.25)],
];

describe('kiosk ink eval (real CLI process, the pen path, the default model)', () => {
  it('recognises generated handwriting wherever and however large it is drawn, with the same confusion matrix', async () => {
    const results = [];
    for (const [name, place] of PLACEMENTS) {
      const lines = Object.entries(SYNTHETIC_DIGITS).map(([label, strokes]) => ({ label: Number(label), strokes: place(strokes), writer: 'generated' }));
      const run = await runKiosk(['ink', 'eval', jsonl(`${name}.jsonl`, lines), '--json']);
      expect(run.code, run.stderr).toBe(0);
      results.push({ name, ...JSON.parse(run.stdout) });
    }
    for (const r of results) {
      expect(r.n, r.name).toBe(10);
      expect(r.confusion, r.name).toEqual(results[0].confusion);
      expect(r.accuracy, r.name).toBeGreaterThanOrEqual(0.9);
    }
    expect(results[0].confusion.map((row: number[]) => row.reduce((a, b) => a + b, 0))).toEqual(new Array(10).fill(1));
  });

  it('prints accuracy and the confusion matrix as text', async () => {
    const file = jsonl('text.jsonl', [{ label: 7, strokes: SYNTHETIC_DIGITS[7] }, { label: 1, strokes: SYNTHETIC_DIGITS[1] }]);
    const run = await runKiosk(['ink', 'eval', file]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^100\.00% of 2 drawings recognised \(mlp_weights\.json, snapshot dataset_50x, onnxruntime-node \(cpu\)\)\n/);
    expect(run.stdout).toMatch(/true\\got\s+0\s+1\s+2/);
  });

  const hostile: Array<[string, unknown[], RegExp]> = [
    ['a label out of range', [{ label: 12, strokes: [[[0, 0]]] }], /bad-label\.jsonl:1: label: must be a digit 0-9/],
    ['a label given as text', [{ label: '7', strokes: [[[0, 0]]] }], /:1: label: must be a digit 0-9/],
    ['a line that is not JSON', [{ label: 1, strokes: [[[0, 0]]] }, '{"label": 1, "strokes": [[[0,'], /:2: not valid JSON/],
    ['a coordinate too large to be ink', [{ label: 1, strokes: [[[0, 1e300]]] }], /:1: strokes\[0\]\[0\]\[1\]: must be within \+-1000000/],
    ['strokes that are not point lists', [{ label: 1, strokes: [[1, 2, 3]] }], /:1: strokes\[0\]\[0\]: /],
    ['an empty stroke', [{ label: 1, strokes: [[]] }], /:1: strokes\[0\]: a stroke needs at least one point/],
    ['no samples at all', ['', '   '], /holds no samples/],
  ];
  it.each(hostile)('refuses %s with one line naming file, line and field', async (name, lines, pattern) => {
    const file = jsonl(name === 'a label out of range' ? 'bad-label.jsonl' : `${name}.jsonl`, lines);
    const run = await runKiosk(['ink', 'eval', file]);
    expect(run.code).not.toBe(0);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^kiosk: /);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stderr).toMatch(pattern);
  });

  it('refuses a missing file and a model that does not fit, with one line', async () => {
    const missing = await runKiosk(['ink', 'eval', path.join(work, 'nope.jsonl')]);
    expect(missing.stderr).toMatch(/^kiosk: .*nope\.jsonl: file not found\n$/);
    const wrongModel = await runKiosk(['ink', 'eval', jsonl('ok.jsonl', [{ label: 1, strokes: SYNTHETIC_DIGITS[1] }]), '--model', path.join(work, 'nope.json')]);
    expect(wrongModel.code).not.toBe(0);
    expect(wrongModel.stderr).toMatch(/^kiosk: .*nope\.json: file not found\n$/);
  });
});
