import { cpSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadModel } from '../../../../main/model/load-model.js';
import { REFERENCE_MANIFEST } from '../../../helpers/fixtures.js';

const temps: string[] = [];
afterEach(() => temps.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A writable copy of the reference export in a temporary folder. */
function copyExport(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-export-'));
  temps.push(dir);
  cpSync(path.dirname(REFERENCE_MANIFEST), path.join(dir, 'export'), { recursive: true });
  return path.join(dir, 'export', 'mlp_weights.json');
}

function editManifest(manifest: string, change: (m: { timeline: Array<{ weights: { path: string } }> }) => void): void {
  const m = JSON.parse(readFileSync(manifest, 'utf8'));
  change(m);
  writeFileSync(manifest, JSON.stringify(m));
}

describe('loadModel (export)', () => {
  it('loads the PyTorch-written export and its snapshots on demand', async () => {
    const model = await loadModel(REFERENCE_MANIFEST);
    expect(model.kind).toBe('export');
    expect(model.defaultSnapshotId).toBe('dataset_50x');
    const first = await model.loadSnapshot('initial');
    expect(first.layers.map((l) => l.weights.length)).toEqual([100352, 8192, 640]);
    await expect(model.loadSnapshot('nope')).rejects.toThrow(/mlp_weights\.json: timeline: has no snapshot "nope"/);
  });

  it('names a missing manifest', async () => {
    await expect(loadModel('/nonexistent/m.json')).rejects.toThrow('/nonexistent/m.json: file not found');
  });

  it('refuses a folder given as the manifest', async () => {
    await expect(loadModel(path.dirname(REFERENCE_MANIFEST))).rejects.toThrow(/is not a regular file|is a folder/);
  });

  it('names a missing snapshot file when loading, not later', async () => {
    const manifest = copyExport();
    rmSync(path.join(path.dirname(manifest), 'mlp_weights/010_approx-13k.json'));
    await expect(loadModel(manifest)).rejects.toThrow(/mlp_weights\.json: timeline\[10\]\.weights\.path: "mlp_weights\/010_approx-13k\.json": file not found/);
  });

  it('refuses a snapshot symlink that leads outside the export folder', async () => {
    const manifest = copyExport();
    const outside = path.join(path.dirname(path.dirname(manifest)), 'outside.json');
    writeFileSync(outside, '{}');
    const link = path.join(path.dirname(manifest), 'mlp_weights/003_approx-250.json');
    rmSync(link);
    symlinkSync(outside, link);
    await expect(loadModel(manifest)).rejects.toThrow(/timeline\[3\]\.weights\.path: "mlp_weights\/003_approx-250\.json" resolves outside the export folder/);
  });

  it('refuses a snapshot file far larger than the network needs, before reading it', async () => {
    const manifest = copyExport();
    const big = path.join(path.dirname(manifest), 'mlp_weights/034_dataset-50x.json');
    truncateSync(big, 2 * 1024 * 1024 * 1024); // sparse 2 GB file
    await expect(loadModel(manifest)).rejects.toThrow(/034_dataset-50x\.json: is 2147483648 bytes, more than the \d+ a sane MLP needs/);
  });

  it('reports a corrupt default snapshot at load time; other snapshots when asked for', async () => {
    const manifest = copyExport();
    writeFileSync(path.join(path.dirname(manifest), 'mlp_weights/005_approx-1k.json'), '{"dtype":"float16","layers":[]}');
    const model = await loadModel(manifest);
    await expect(model.loadSnapshot('approx_1k')).rejects.toThrow(/005_approx-1k\.json: layers: has 0 layers/);
    await expect(loadModel(manifest, { verifyAll: true })).rejects.toThrow(/005_approx-1k\.json: layers: has 0 layers/);
  });

  it('refuses a FIFO in place of a snapshot file instead of blocking on it', async () => {
    const manifest = copyExport();
    const fifo = path.join(path.dirname(manifest), 'mlp_weights/034_dataset-50x.json');
    rmSync(fifo);
    execFileSync('mkfifo', [fifo]);
    await expect(loadModel(manifest)).rejects.toThrow(/034_dataset-50x\.json: is not a regular file/);
  });

  it('refuses a manifest pointing at a folder as a snapshot', async () => {
    const manifest = copyExport();
    mkdirSync(path.join(path.dirname(manifest), 'mlp_weights/dir.json'));
    editManifest(manifest, (m) => (m.timeline[m.timeline.length - 1]!.weights.path = 'mlp_weights/dir.json'));
    await expect(loadModel(manifest)).rejects.toThrow(/dir\.json: is not a regular file/);
  });
});
