import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sampleGradients } from '../../../../../app/train/gradients/sample-gradient.js';
import { loadMnist } from '../../../../../main/mnist/load-mnist.js';
import { loadModel } from '../../../../../main/model/load-model.js';
import { readGradientNormsEntry, readGradientNormsIndex, readSampleGradients } from '../../../../../main/train/gradients/read-gradient-files.js';
import { REFERENCE_MANIFEST } from '../../../../helpers/fixtures.js';
import { runKiosk } from '../../../../helpers/run-kiosk.js';

const work = mkdtempSync(path.join(os.tmpdir(), 'kiosk-gradients-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The CLI's failure contract: non-zero exit, exactly one line on stderr, no stack trace. */
function expectOneLineError(run: { code: number | null; stderr: string }, pattern: RegExp): void {
  expect(run.code, run.stderr).not.toBe(0);
  expect(run.stderr.trimEnd().split('\n'), run.stderr).toHaveLength(1);
  expect(run.stderr).not.toMatch(/\n\s+at |TypeError|ReferenceError/);
  expect(run.stderr.trimEnd()).toMatch(pattern);
}

describe('kiosk gradients (real CLI process, real MNIST, the PyTorch-written export)', () => {
  it('--samples writes the full gradients the library computes for that snapshot', async () => {
    const out = path.join(work, 'a', 'grads.json');
    const run = await runKiosk(['gradients', REFERENCE_MANIFEST, '--snapshot', 'approx_2k', '--samples', '0,17,42', '--split', 'test', '-o', out]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^test #0: digit 7, predicted \d, loss [\d.e+-]+, gradient norm [\d.e+-]+$/m);
    expect(run.stdout).toContain('snapshot approx_2k, 3 samples x 109,386 parameters');

    const file = await readSampleGradients(out);
    expect(file.json.model).toEqual({ name: 'mlp_weights.json', snapshot: 'approx_2k' });
    const model = await loadModel(REFERENCE_MANIFEST);
    const test = await loadMnist('test');
    const expected = sampleGradients(await model.loadSnapshot('approx_2k'), model.network.normalization, test.images.pixels, test.labels, [0, 17, 42]);
    file.samples.forEach((s, i) => {
      expect(s.label).toBe(test.labels[[0, 17, 42][i]!]);
      s.layers.forEach((l, li) => expect(l.weights).toEqual(expected[i]!.layers[li]!.weights));
    });
  });

  it('an ONNX model gives the same gradients as the export snapshot it was made from', async () => {
    const onnx = path.join(work, 'm.onnx');
    expect((await runKiosk(['model', 'export-onnx', REFERENCE_MANIFEST, '--snapshot', 'approx_2k', '-o', onnx])).code).toBe(0);
    const out = path.join(work, 'onnx', 'grads.json');
    const run = await runKiosk(['gradients', onnx, '--samples', '0,17,42', '--split', 'test', '-o', out, '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).samples.map((s: { index: number }) => s.index)).toEqual([0, 17, 42]);
    const [fromOnnx, fromExport] = await Promise.all([readSampleGradients(out), readSampleGradients(path.join(work, 'a', 'grads.json'))]);
    // float16 weights widen to float32 exactly, so the two are bit for bit the same.
    fromOnnx.samples.forEach((s, i) => s.layers.forEach((l, li) => expect(l.weights).toEqual(fromExport.samples[i]!.layers[li]!.weights)));
  });

  it('--norms writes every sample\'s norm and prints the per-class summary', async () => {
    const out = path.join(work, 'b', 'norms.json');
    const run = await runKiosk(['gradients', REFERENCE_MANIFEST, '--norms', '--split', 'test', '--top', '3', '-o', out]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^10,000 test images, gradient norms in [\d.]+ s \(mlp_weights\.json, snapshot dataset_50x\)$/m);
    for (let d = 0; d <= 9; d++) expect(run.stdout).toMatch(new RegExp(`^\\s+${d}\\s+\\d+\\s+\\S+\\s+\\S+\\s+\\S+\\s+[\\d.]+%$`, 'm'));
    expect(run.stdout).toMatch(/^hardest digits \(largest mean gradient norm first\): (\d ){9}\d$/m);
    expect(run.stdout.match(/^ {2}#\d+: digit \d, predicted \d, norm/gm)).toHaveLength(3);

    const index = await readGradientNormsIndex(out);
    expect(index.json).toMatchObject({ split: 'test', count: 10_000 });
    expect(index.json.entries.map((e) => e.id)).toEqual(['dataset_50x']);
    const table = await readGradientNormsEntry(index, index.json.entries[0]!);
    const test = await loadMnist('test');
    expect(table.labels).toEqual(test.labels);
    const wrong = table.predicted.reduce((n, p, i) => n + (p !== test.labels[i] ? 1 : 0), 0);
    expect(wrong).toBe(200); // the manifest's 98.00% test accuracy for dataset_50x
  });

  it('refuses bad usage with one line', async () => {
    const out = path.join(work, 'c', 'x.json');
    const cases: Array<[string[], RegExp]> = [
      [['gradients', REFERENCE_MANIFEST, '-o', out], /^kiosk: gradients: give either --samples 0,17,42 or --norms$/],
      [['gradients', REFERENCE_MANIFEST, '--norms', '--samples', '1', '-o', out], /give either --samples/],
      [['gradients', REFERENCE_MANIFEST, '--samples', '1,x', '-o', out], /^kiosk: gradients: --samples must be sample indices like 0,17,42; "x" is not one$/],
      [['gradients', REFERENCE_MANIFEST, '--samples', '1,1', '-o', out], /--samples lists an index twice/],
      [['gradients', REFERENCE_MANIFEST, '--samples', '60000', '-o', out], /^kiosk: gradients: --samples 60000 is not in the train split \(0-59999\)$/],
      [['gradients', REFERENCE_MANIFEST, '--norms', '--split', 'val', '-o', out], /--split must be train or test, got "val"/],
      [['gradients', REFERENCE_MANIFEST, '--norms'], /-o <out\.json> is required/],
      [['gradients', REFERENCE_MANIFEST, '--norms', '-o', path.join(work, 'x.f32')], /-o must name a \.json file/],
      [['gradients', REFERENCE_MANIFEST, '--norms', '--snapshot', 'nope', '-o', out], /--snapshot "nope" is not in mlp_weights\.json/],
      [['gradients', path.join(work, 'missing.json'), '--norms', '-o', out], /missing\.json: .*file not found/],
      [['gradients', REFERENCE_MANIFEST, '--norms', '--top', '-1', '-o', out], /^kiosk: gradients: /],
    ];
    for (const [args, pattern] of cases) expectOneLineError(await runKiosk(args), pattern);
  });
});
