import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildExport, type ExportSnapshot } from '../../../../app/model/write-export.js';
import { loadExport } from '../../../../main/model/load-export.js';
import { durableWriter, ExportWriteError, prepareExportDir, writeExportAtomic, type FileWriter } from '../../../../main/train/write-export-atomic.js';
import { randomLayers } from '../../../helpers/random-layers.js';

const work = mkdtempSync(path.join(os.tmpdir(), 'kiosk-export-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const network = {
  architecture: [784, 16, 10],
  layers: [
    { name: 'dense_0', activation: 'relu' as const, inDim: 784, outDim: 16 },
    { name: 'dense_1', activation: 'linear' as const, inDim: 16, outDim: 10 },
  ],
  normalization: { mean: 0.1307, std: 0.3081 },
};

function exportOf(seed: number, ids: string[]) {
  const snapshots: ExportSnapshot[] = ids.map((id, i) => ({
    entry: { id, label: id, kind: 'approx', targetImages: i, imagesSeen: i, batchesSeen: i, datasetPasses: i, description: id, metrics: { testAccuracy: 0.5 } },
    weights: { layers: randomLayers([784, 16, 10], ['relu', 'linear'], seed + i) },
  }));
  return buildExport({ network, snapshots, manifestName: 'mlp_weights.json', extra: { training: { seed } } });
}

/** Every file under `dir` with its bytes, paths relative. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) {
      const full = path.join(entry.parentPath, entry.name);
      out[path.relative(dir, full)] = readFileSync(full).toString('base64');
    }
  }
  return out;
}

/** A writer whose disk fills up after `okFiles` files (a full disk cannot be made on this machine without root mounts). */
function fullDiskAfter(okFiles: number): FileWriter {
  let n = 0;
  return {
    async writeFile(file, text) {
      if (n++ >= okFiles) throw Object.assign(new Error(`ENOSPC: no space left on device, write '${file}'`), { code: 'ENOSPC' });
      await durableWriter.writeFile(file, text);
    },
  };
}

describe('writeExportAtomic', () => {
  it('writes a loadable export with its extra files, and replaces a previous one whole', async () => {
    const dir = path.join(work, 'replace');
    mkdirSync(dir);
    const manifest = path.join(dir, 'mlp_weights.json');
    await writeExportAtomic(manifest, exportOf(1, ['initial', 'a', 'b']), [{ name: 'mlp_weights.train.log', text: 'one\n' }]);
    expect((await loadExport(manifest, { verifyAll: true })).timeline.map((e) => e.id)).toEqual(['initial', 'a', 'b']);
    await writeExportAtomic(manifest, exportOf(2, ['initial', 'c']), [{ name: 'mlp_weights.train.log', text: 'two\n' }]);
    const files = tree(dir);
    // The old snapshot files are gone (not mixed with the new ones), no temporary folder is left.
    expect(Object.keys(files).sort()).toEqual(['mlp_weights.json', 'mlp_weights.train.log', path.join('mlp_weights', '000_initial.json'), path.join('mlp_weights', '001_c.json')].sort());
    expect(readFileSync(path.join(dir, 'mlp_weights.train.log'), 'utf8')).toBe('two\n');
    expect((await loadExport(manifest, { verifyAll: true })).timeline.map((e) => e.id)).toEqual(['initial', 'c']);
  });

  it.each([0, 1, 2, 3])('a full disk after %i files leaves the previous export byte for byte and no temporary files', async (okFiles) => {
    const dir = path.join(work, `full-${okFiles}`);
    mkdirSync(dir);
    const manifest = path.join(dir, 'mlp_weights.json');
    await writeExportAtomic(manifest, exportOf(1, ['initial', 'a']), [{ name: 'mlp_weights.train.log', text: 'old\n' }]);
    const before = tree(dir);
    await expect(writeExportAtomic(manifest, exportOf(5, ['initial', 'x', 'y']), [{ name: 'mlp_weights.train.log', text: 'new\n' }], fullDiskAfter(okFiles))).rejects.toThrow(
      // 0: the probe write before the export already fails.
      okFiles === 0 ? /cannot write the export .*mlp_weights\.json: the disk is full/ : /cannot write the export .*mlp_weights\.json: the disk is full; the previous export is unchanged/,
    );
    expect(tree(dir)).toEqual(before);
    expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('creates a missing export folder, like the reference trainer', async () => {
    const manifest = path.join(work, 'new', 'deeper', 'mlp_weights.json');
    await writeExportAtomic(manifest, exportOf(1, ['initial']));
    expect((await loadExport(manifest)).timeline).toHaveLength(1);
  });

  it('an export path through a file, or a folder that refuses writes, fails before any training with a clear error', async () => {
    const file = path.join(work, 'a-file');
    writeFileSync(file, 'not a folder');
    await expect(prepareExportDir(path.join(file, 'mlp_weights.json'))).rejects.toThrow(/cannot write the export .*a-file.*mlp_weights\.json: a file stands where a folder is needed/);
    const refusing: FileWriter = {
      writeFile: async () => {
        throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
      },
    };
    await expect(prepareExportDir(path.join(work, 'mlp_weights.json'), refusing)).rejects.toThrow(ExportWriteError);
    await expect(prepareExportDir(path.join(work, 'mlp_weights.json'), refusing)).rejects.toThrow(/permission denied \(folder /);
  });
});
