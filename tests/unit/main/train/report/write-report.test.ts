import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageAsUnitFloats } from '../../../../../app/mnist/idx.js';
import { argmax, forward } from '../../../../../app/model/forward.js';
import type { LoadedModel } from '../../../../../app/model/loaded-model.js';
import type { SnapshotWeights } from '../../../../../app/model/types.js';
import { GRID, GRID_COLORS, tileImageOrigin } from '../../../../../app/train/report/prediction-grid-scene.js';
import { loadMnist, type MnistSplit } from '../../../../../main/mnist/load-mnist.js';
import { loadModel } from '../../../../../main/model/load-model.js';
import { defaultResultsDir, writeTrainingReport } from '../../../../../main/train/report/write-report.js';
import { REFERENCE_MANIFEST } from '../../../../helpers/fixtures.js';
import { decodePng, pixelAt } from '../../../../helpers/decode-png.js';
import { parseXml } from '../../../../helpers/parse-xml.js';

const work = mkdtempSync(path.join(os.tmpdir(), 'kiosk-report-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The first `n` real MNIST test digits: enough for a 10 x 10 grid and its mistakes, quick to predict. */
function firstTestDigits(test: MnistSplit, n: number): MnistSplit {
  const size = test.images.rows * test.images.cols;
  return { images: { ...test.images, count: n, pixels: test.images.pixels.subarray(0, n * size) }, labels: test.labels.subarray(0, n) };
}

let model: LoadedModel;
let test: MnistSplit;
let manifest: string;
let weights: SnapshotWeights;
const SNAPSHOT = 'approx_1k'; // 61.76% on the test set: plenty of mistakes to frame

beforeAll(async () => {
  const dir = path.join(work, 'export');
  cpSync(path.dirname(REFERENCE_MANIFEST), dir, { recursive: true });
  manifest = path.join(dir, 'mlp_weights.json');
  model = await loadModel(manifest);
  test = firstTestDigits(await loadMnist('test'), 400);
  weights = await model.loadSnapshot(SNAPSHOT);
});

describe('writeTrainingReport (reference export, real MNIST test digits)', () => {
  it('writes curves, predictions and mistakes as SVG and PNG into <stem>-results beside the manifest, leaving no temporary folder', async () => {
    const result = await writeTrainingReport(model, { snapshotId: SNAPSHOT, test });
    expect(result.dir).toBe(defaultResultsDir(manifest));
    expect(result.dir.endsWith(`${path.sep}mlp_weights-results`)).toBe(true);
    expect(readdirSync(result.dir).sort()).toEqual(['curves.png', 'curves.svg', 'mistakes.png', 'mistakes.svg', 'predictions.png', 'predictions.svg']);
    expect(readdirSync(path.dirname(manifest)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    for (const f of result.files) {
      if (f.endsWith('.png')) expect(decodePng(readFileSync(path.join(result.dir, f))).chunks).toEqual(['IHDR', 'IDAT', 'IEND']);
      else expect(parseXml(readFileSync(path.join(result.dir, f), 'utf8'))[0]!.tag).toMatch(/svg$/);
    }

    // Oracle: the plain forward pass on the same digits.
    const predicted = Array.from({ length: 100 }, (_, i) =>
      argmax(forward(weights.layers, imageAsUnitFloats(test.images, i), model.network.normalization).probabilities),
    );
    const wrong = predicted.map((p, i) => (p !== test.labels[i] ? i : -1)).filter((i) => i >= 0);
    expect(wrong.length).toBeGreaterThan(10);

    // predictions.svg: one caption per digit; mistakes in red naming the true digit, right answers in green.
    const svg = parseXml(readFileSync(path.join(result.dir, 'predictions.svg'), 'utf8'));
    const captions = svg.filter((e) => e.tag.endsWith('text')).slice(2);
    expect(captions).toHaveLength(100);
    captions.forEach((c, i) => {
      if (wrong.includes(i)) {
        expect(c.text).toBe(`${predicted[i]} (true ${test.labels[i]})`);
        expect(c.attributes.fill).toBe('#d62728');
      } else {
        expect(c.text).toBe(String(test.labels[i]));
      }
    });
    expect(svg.filter((e) => e.tag.endsWith('image'))).toHaveLength(100);
    expect(svg.find((e) => e.tag.endsWith('text') && e.text.startsWith('The first 100'))!.text).toContain(`${wrong.length} wrong`);

    // predictions.png: a mistake's frame is red, a right answer's frame is not; the digit's pixels are MNIST's bytes.
    const png = decodePng(readFileSync(path.join(result.dir, 'predictions.png')));
    const frameLeft = (i: number) => {
      const [x, y] = tileImageOrigin(i);
      return pixelAt(png, x * 2, (y + GRID.image / 2) * 2);
    };
    const right = predicted.findIndex((p, i) => p === test.labels[i]);
    expect(frameLeft(wrong[0]!)).toEqual([...GRID_COLORS.mistake]);
    expect(frameLeft(right)).not.toEqual([...GRID_COLORS.mistake]);
    const [x0, y0] = tileImageOrigin(right);
    const scale = (GRID.image * 2) / 28;
    for (const [col, row] of [[14, 14], [10, 20], [5, 5]] as const) {
      const v = test.images.pixels[right * 784 + row * 28 + col]!;
      expect(pixelAt(png, Math.floor(x0 * 2 + (col + 0.5) * scale), Math.floor(y0 * 2 + (row + 0.5) * scale))).toEqual([v, v, v]);
    }

    // mistakes.svg holds only mistakes, the first ones of the set, in order.
    const mistakes = parseXml(readFileSync(path.join(result.dir, 'mistakes.svg'), 'utf8')).filter((e) => e.tag.endsWith('text')).slice(2);
    expect(mistakes.slice(0, wrong.length).map((e) => e.text)).toEqual(wrong.map((i) => `${predicted[i]} (true ${test.labels[i]})`));
  });

  it('writes into an existing folder without touching what else is there', async () => {
    const dir = path.join(work, 'existing');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'notes.txt'), 'keep me');
    writeFileSync(path.join(dir, 'curves.svg'), 'old');
    await writeTrainingReport(model, { outDir: dir, test, gridSize: 20 });
    expect(readFileSync(path.join(dir, 'notes.txt'), 'utf8')).toBe('keep me');
    expect(readFileSync(path.join(dir, 'curves.svg'), 'utf8')).toMatch(/^<\?xml/);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('fails with one clear line for a folder it cannot write, before predicting anything', async () => {
    const file = path.join(work, 'a-file');
    writeFileSync(file, 'x');
    await expect(writeTrainingReport(model, { outDir: file, test })).rejects.toThrow(`cannot write the report to ${file}: it is a file, not a folder`);
    const orphan = path.join(work, 'missing', 'deeper');
    await expect(writeTrainingReport(model, { outDir: orphan, test })).rejects.toThrow(/its parent folder .*missing does not exist/);
    // /sys refuses new folders even to root: a real "permission denied".
    await expect(writeTrainingReport(model, { outDir: '/sys/kiosk-report-test', test })).rejects.toThrow('cannot write the report to /sys/kiosk-report-test: permission denied');
    expect(existsSync(orphan)).toBe(false);
  });

  it('refuses an unknown snapshot and a timeline without metrics', async () => {
    await expect(writeTrainingReport(model, { snapshotId: 'nope', test })).rejects.toThrow('--snapshot "nope" is not in mlp_weights.json');
    const bare: LoadedModel = { ...model, timeline: model.timeline.map((e) => ({ ...e, metrics: {} })) };
    await expect(writeTrainingReport(bare, { test })).rejects.toThrow(/no timeline entry has metrics\.test_accuracy/);
  });
});
