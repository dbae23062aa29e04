import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildExport } from '../../../../app/model/write-export.js';
import { REFERENCE_MANIFEST } from '../../../helpers/fixtures.js';
import { runKiosk } from '../../../helpers/run-kiosk.js';

const work = mkdtempSync(path.join(os.tmpdir(), 'kiosk-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A copy of the reference export with its manifest (or one snapshot) changed. */
function brokenExport(name: string, change: { manifest?: (m: any) => void; snapshot?: [string, string] }): string { // eslint-disable-line @typescript-eslint/no-explicit-any
  const dir = path.join(work, name);
  cpSync(path.dirname(REFERENCE_MANIFEST), dir, { recursive: true });
  const manifest = path.join(dir, 'mlp_weights.json');
  if (change.manifest) {
    const m = JSON.parse(readFileSync(manifest, 'utf8'));
    change.manifest(m);
    writeFileSync(manifest, JSON.stringify(m));
  }
  if (change.snapshot) writeFileSync(path.join(dir, change.snapshot[0]), change.snapshot[1]);
  return manifest;
}

/** The CLI's failure contract: non-zero exit, exactly one line on stderr, no stack trace. */
function expectOneLineError(run: { code: number | null; stderr: string; stdout: string }, pattern: RegExp): void {
  expect(run.code, run.stderr).not.toBe(0);
  expect(run.stderr.trimEnd().split('\n'), run.stderr).toHaveLength(1);
  expect(run.stderr).not.toMatch(/\n\s+at |TypeError|ReferenceError/);
  expect(run.stderr).toMatch(/^kiosk: /);
  expect(run.stderr).toMatch(pattern);
}

describe('kiosk model (real CLI process, real MNIST, real onnxruntime-node)', () => {
  it('info describes the PyTorch-written export', async () => {
    const run = await runKiosk(['model', 'info', REFERENCE_MANIFEST]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('784-128-64-10');
    expect(run.stdout).toContain('109,386');
    expect(run.stdout).toMatch(/dataset_50x\s+3,000,000 images\s+98\.00%/);
  });

  it('eval --snapshot all --json reproduces every snapshot\'s manifest accuracy within 0.1 percentage point', async () => {
    const run = await runKiosk(['model', 'eval', REFERENCE_MANIFEST, '--snapshot', 'all', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const result = JSON.parse(lines[0]!) as { snapshots: Array<{ id: string; accuracy: number; manifest_accuracy: number }>; backend: string };
    expect(result.backend).toMatch(/^onnxruntime-node \(/);
    expect(result.snapshots).toHaveLength(35);
    for (const s of result.snapshots) expect(Math.abs(s.accuracy - s.manifest_accuracy), s.id).toBeLessThanOrEqual(0.001);
    expect(result.snapshots.at(-1)).toMatchObject({ id: 'dataset_50x', manifest_accuracy: 0.98 });
  });

  it('eval defaults to the last snapshot and agrees between the ONNX and JS backends', async () => {
    const [ort, js] = await Promise.all([
      runKiosk(['model', 'eval', REFERENCE_MANIFEST, '--json', '--backend', 'ort']),
      runKiosk(['model', 'eval', REFERENCE_MANIFEST, '--json', '--backend', 'js']),
    ]);
    const a = JSON.parse(ort.stdout);
    const b = JSON.parse(js.stdout);
    expect(a.snapshots.map((s: { id: string }) => s.id)).toEqual(['dataset_50x']);
    expect(b.backend).toBe('js');
    expect(a.snapshots[0].accuracy).toBe(b.snapshots[0].accuracy);
  });

  it('export-onnx writes a file that loads and scores like the snapshot it came from', async () => {
    const out = path.join(work, 'model.onnx');
    const exported = await runKiosk(['model', 'export-onnx', REFERENCE_MANIFEST, '--snapshot', 'dataset_10x', '-o', out]);
    expect(exported.code, exported.stderr).toBe(0);
    const info = await runKiosk(['model', 'info', out]);
    expect(info.stdout).toContain('784-128-64-10');
    const evalRun = await runKiosk(['model', 'eval', out, '--json']);
    expect(evalRun.code, evalRun.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(REFERENCE_MANIFEST, 'utf8'));
    const expected = manifest.timeline.find((e: { id: string }) => e.id === 'dataset_10x').metrics.test_accuracy;
    expect(Math.abs(JSON.parse(evalRun.stdout).snapshots[0].accuracy - expected)).toBeLessThanOrEqual(0.001);
  });

  const hostile: Array<[string, () => string, RegExp]> = [
    ['a missing file', () => path.join(work, 'missing.json'), /missing\.json: file not found/],
    ['a manifest of the wrong version', () => brokenExport('v3', { manifest: (m) => (m.version = 3) }), /mlp_weights\.json: version: must be 2/],
    ['shapes that do not chain', () => brokenExport('chain', { manifest: (m) => (m.network.layers[2].weight_shape = [10, 65]) }), /network\.layers\[2\]\.weight_shape: is \[10, 65\]/],
    ['a snapshot path escaping the folder', () => brokenExport('escape', { manifest: (m) => (m.timeline[34].weights.path = '../../../../etc/passwd') }), /timeline\[34\]\.weights\.path: .* escapes the export folder/],
    ['a truncated default snapshot', () => brokenExport('trunc', { snapshot: ['mlp_weights/034_dataset-50x.json', '{"version":1,"dtype":"float16","layers":[{"wei'] }), /034_dataset-50x\.json: not valid JSON/],
    ['garbage bytes as a manifest', () => brokenExport('garbage', { snapshot: ['mlp_weights.json', '\u0000\u00ff\u0013garbage'] }), /mlp_weights\.json: not valid JSON/],
    ['garbage bytes as an ONNX file', () => {
      const f = path.join(work, 'garbage.onnx');
      writeFileSync(f, Buffer.from([0xff, 0xfe, 0x00, 0x13, 0x37, 0x42, 0x99, 0x01]));
      return f;
    }, /garbage\.onnx: /],
  ];
  it.each(hostile)('info and eval refuse %s with one line and a non-zero exit', async (_name, make, pattern) => {
    const file = make();
    expectOneLineError(await runKiosk(['model', 'info', file]), pattern);
    expectOneLineError(await runKiosk(['model', 'eval', file, '--json']), pattern);
  });

  it('eval refuses a valid MLP that does not read 784 pixels or answer 10 digits, naming the field', async () => {
    const layers = [{ name: 'dense_0', activation: 'linear' as const, inDim: 100, outDim: 10 }];
    const weights = { layers: layers.map((l) => ({ ...l, weights: new Float32Array(1000), biases: new Float32Array(10) })) };
    const entry = { id: 'only', label: 'only', kind: 'initial', targetImages: 0, imagesSeen: 0, batchesSeen: 0, datasetPasses: 0, description: '', metrics: {} };
    const files = buildExport({ network: { architecture: [100, 10], layers, normalization: { mean: 0, std: 1 } }, snapshots: [{ entry, weights }], manifestName: 'small.json' });
    const dir = path.join(work, 'small');
    mkdirSync(path.join(dir, 'small'), { recursive: true });
    writeFileSync(path.join(dir, 'small.json'), files.manifest);
    for (const f of files.files) writeFileSync(path.join(dir, f.path), f.text);
    const info = await runKiosk(['model', 'info', path.join(dir, 'small.json')]);
    expect(info.code, info.stderr).toBe(0); // any MLP can be described
    expectOneLineError(await runKiosk(['model', 'eval', path.join(dir, 'small.json')]), /small\.json: network\.input_dim: is 100; the exhibit draws 28x28 = 784 pixels/);
  });

  it('refuses bad usage with one line', async () => {
    expectOneLineError(await runKiosk(['model', 'eval', REFERENCE_MANIFEST, '--snapshot', 'nope']), /--snapshot "nope" is not in mlp_weights\.json/);
    expectOneLineError(await runKiosk(['model', 'eval', REFERENCE_MANIFEST, '--bogus']), /model eval: Unknown option '--bogus'/);
    expectOneLineError(await runKiosk(['model', 'frobnicate']), /model: expected one of info, eval, export-onnx/);
    expectOneLineError(await runKiosk(['model', 'export-onnx', REFERENCE_MANIFEST]), /export-onnx: -o <file\.onnx> is required/);
  });

  it('export-onnx never leaves a half-written file behind when it fails', async () => {
    const out = path.join(work, 'kept.onnx');
    writeFileSync(out, 'previous');
    const run = await runKiosk(['model', 'export-onnx', brokenExport('bad-snap', { snapshot: ['mlp_weights/020_dataset-4x.json', '{}'] }), '--snapshot', 'dataset_4x', '-o', out]);
    expectOneLineError(run, /020_dataset-4x\.json: /);
    expect(readFileSync(out, 'utf8')).toBe('previous');
  });
});
