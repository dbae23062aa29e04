import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { specOf, type NetworkSpec } from '../../../../../app/model/types.js';
import { gradientNormsOf } from '../../../../../app/train/gradients/gradient-norms.js';
import { sampleGradients } from '../../../../../app/train/gradients/sample-gradient.js';
import { SeededRandom } from '../../../../../app/random/seeded-random.js';
import { appendGradientNorms } from '../../../../../main/train/gradients/append-gradient-norms.js';
import { readGradientNormsEntry, readGradientNormsIndex, readSampleGradients } from '../../../../../main/train/gradients/read-gradient-files.js';
import { writeSampleGradients } from '../../../../../main/train/gradients/write-sample-gradients.js';
import { REPO_ROOT } from '../../../../helpers/fixtures.js';
import { randomLayers } from '../../../../helpers/random-layers.js';

const work = mkdtempSync(path.join(os.tmpdir(), 'kiosk-gradients-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const layers = randomLayers([784, 32, 10], ['relu', 'linear'], 21);
const network: NetworkSpec = { architecture: [784, 32, 10], layers: specOf(layers), normalization: { mean: 0.1307, std: 0.3081 } };
const random = new SeededRandom(2);
const n = 40;
const images = Uint8Array.from({ length: n * 784 }, () => (random.next() < 0.8 ? 0 : random.int(256)));
const labels = Uint8Array.from({ length: n }, (_, i) => i % 10);
const model = { name: 'test.json', snapshot: 's' };
const run = { model, network, split: 'train', count: n };

/** The ```python blocks of docs/GRADIENTS.md, in order: the lines a Python user is told to run. */
function docPython(): string[] {
  const doc = readFileSync(path.join(REPO_ROOT, 'docs/GRADIENTS.md'), 'utf8');
  return [...doc.matchAll(/```python\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

function python(dir: string, code: string): unknown {
  return JSON.parse(execFileSync('python3', ['-c', code], { cwd: dir, encoding: 'utf8' }));
}

describe('gradient files on disk', () => {
  it('sample gradients: written, read back, and read by the numpy lines in docs/GRADIENTS.md', async () => {
    const dir = path.join(work, 'a');
    const gradients = sampleGradients({ layers }, network.normalization, images, labels, [3, 0, 39]);
    await writeSampleGradients(path.join(dir, 'grads.json'), { model, network, split: 'train', indices: [3, 0, 39], gradients });
    expect(readdirSync(dir).sort()).toEqual(['grads.f32', 'grads.json']); // no temp files left
    const read = await readSampleGradients(path.join(dir, 'grads.json'));
    expect(read.samples.map((s) => s.index)).toEqual([3, 0, 39]);
    read.samples.forEach((s, i) => s.layers.forEach((l, li) => expect(l.weights).toEqual(gradients[i]!.layers[li]!.weights)));

    const [snippet] = docPython();
    const fromNumpy = python(dir, `${snippet}\nprint(json.dumps({'shape': list(dW0.shape), 'dW0': dW0[:, :].ravel()[::997].tolist(), 'b1': grads[2][('dense_1', 'biases')].tolist()}))`) as { shape: number[]; dW0: number[]; b1: number[] };
    expect(fromNumpy.shape).toEqual([32, 784]);
    expect(fromNumpy.dW0).toEqual(Array.from(gradients[0]!.layers[0]!.weights.filter((_, i) => i % 997 === 0)));
    expect(fromNumpy.b1).toEqual(Array.from(gradients[2]!.layers[1]!.biases));
  });

  it('norms: entries appended per epoch, replaced on rewrite, read back, and read by the numpy lines in docs/GRADIENTS.md', async () => {
    const dir = path.join(work, 'b');
    const index = path.join(dir, 'norms.json');
    const norms1 = gradientNormsOf({ layers }, network.normalization, images, labels);
    await appendGradientNorms(index, run, { id: 'epoch-1', epoch: 1, imagesSeen: n }, norms1, labels, 5);
    const changedLayers = randomLayers([784, 32, 10], ['relu', 'linear'], 22);
    const norms2 = gradientNormsOf({ layers: changedLayers }, network.normalization, images, labels);
    await appendGradientNorms(index, run, { id: 'epoch-2', epoch: 2, imagesSeen: 2 * n }, norms2, labels, 5);
    await appendGradientNorms(index, run, { id: 'epoch-1', epoch: 1, imagesSeen: n }, norms1, labels, 5); // a resumed run
    expect(readdirSync(dir).sort()).toEqual(['norms.epoch-1.f32', 'norms.epoch-2.f32', 'norms.json']);

    const read = await readGradientNormsIndex(index);
    expect(read.json.entries.map((e) => e.id)).toEqual(['epoch-2', 'epoch-1']);
    const table = await readGradientNormsEntry(read, read.json.entries[0]!);
    expect(table.norms).toEqual(norms2.norms);
    expect(table.labels).toEqual(labels);
    expect(read.json.entries[1]!.summary.hardest_samples).toHaveLength(5);

    const [, snippet] = docPython();
    const fromNumpy = python(dir, `${snippet}\nprint(json.dumps({'mean': mean_norm_per_digit, 'norm': norm.tolist()}))`) as { mean: number[]; norm: number[] };
    expect(fromNumpy.norm).toEqual(Array.from(norms1.norms)); // entries[-1] is epoch-1 again
    const summary = read.json.entries[1]!.summary;
    fromNumpy.mean.forEach((m, d) => expect(m).toBeCloseTo(summary.classes[d]!.mean_norm, 5)); // numpy sums in float32
  });

  it('refuses to add to an index of another network, and never leaves it half-written', async () => {
    const dir = path.join(work, 'c');
    const index = path.join(dir, 'norms.json');
    const norms = gradientNormsOf({ layers }, network.normalization, images, labels);
    await appendGradientNorms(index, run, { id: 'epoch-1' }, norms, labels);
    const before = readFileSync(index, 'utf8');
    await expect(appendGradientNorms(index, { ...run, split: 'test' }, { id: 'epoch-2' }, norms, labels)).rejects.toThrow(/norms\.json: holds norms of another network, split or dataset size \(train, 40 samples\); write to another file$/);
    await expect(appendGradientNorms(index, run, { id: '../evil' }, norms, labels)).rejects.toThrow(/id "\.\.\/evil" must be letters, digits/);
    expect(readFileSync(index, 'utf8')).toBe(before);

    writeFileSync(index, before.slice(0, before.length / 2)); // a damaged index is reported, not replaced
    await expect(appendGradientNorms(index, run, { id: 'epoch-2' }, norms, labels)).rejects.toThrow(/norms\.json: not valid JSON/);
    // A blob swapped for another write's is refused by its CRC.
    writeFileSync(index, before);
    const blob = path.join(dir, 'norms.epoch-1.f32');
    const bytes = readFileSync(blob);
    bytes[0] = bytes[0]! ^ 0xff;
    writeFileSync(blob, bytes);
    const read = await readGradientNormsIndex(index);
    await expect(readGradientNormsEntry(read, read.json.entries[0]!)).rejects.toThrow(/norms\.epoch-1\.f32: CRC-32 is \d+ but/);
    await expect(readSampleGradients(path.join(dir, 'missing.json'))).rejects.toThrow(/missing\.json: file not found/);
  });
});
