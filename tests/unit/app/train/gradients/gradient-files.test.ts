import { describe, expect, it } from 'vitest';
import { specOf, type NetworkSpec } from '../../../../../app/model/types.js';
import { summarizeGradientNorms } from '../../../../../app/train/gradients/class-summary.js';
import { crc32 } from '../../../../../app/train/gradients/crc32.js';
import { GradientFileError } from '../../../../../app/train/gradients/gradient-error.js';
import { decodeNormsBlob, encodeNormsEntry, newGradientNormsIndex, parseGradientNormsJson, withNormsEntry } from '../../../../../app/train/gradients/gradient-norms-format.js';
import { gradientNormsOf } from '../../../../../app/train/gradients/gradient-norms.js';
import { sampleGradients } from '../../../../../app/train/gradients/sample-gradient.js';
import { decodeSampleGradients, encodeSampleGradients, parseSampleGradientsJson } from '../../../../../app/train/gradients/sample-gradients-format.js';
import { SeededRandom } from '../../../../../app/random/seeded-random.js';
import { randomLayers } from '../../../../helpers/random-layers.js';

const layers = randomLayers([20, 7, 3], ['tanh', 'sigmoid'], 4);
const network: NetworkSpec = { architecture: [20, 7, 3], layers: specOf(layers), normalization: { mean: 0.1307, std: 0.3081 } };
const random = new SeededRandom(5);
const images = random.floats(6 * 20);
const labels = new Uint8Array([0, 1, 2, 0, 1, 2]);

function sampleFile() {
  const gradients = sampleGradients({ layers }, network.normalization, images, labels, [4, 1]);
  const { json, blob } = encodeSampleGradients({ model: { name: 'm.json', snapshot: 's1' }, network, split: 'train', indices: [4, 1], gradients, blobFile: 'g.f32' });
  return { gradients, text: JSON.stringify(json), json, blob };
}

function normsFile() {
  const norms = gradientNormsOf({ layers }, network.normalization, images, labels);
  const summary = summarizeGradientNorms(norms, labels, 3);
  const { entry, blob } = encodeNormsEntry({ id: 'epoch-1', epoch: 1, imagesSeen: 6, snapshot: null, blobFile: 'n.epoch-1.f32', norms, labels, summary });
  const index = withNormsEntry(newGradientNormsIndex({ model: { name: 'm.json', snapshot: null }, network, split: 'train', count: 6 }), entry);
  return { norms, text: JSON.stringify(index), index, entry, blob };
}

function expectFileError(run: () => unknown, pattern: RegExp): void {
  let error: unknown;
  try {
    run();
  } catch (e) {
    error = e;
  }
  expect(error, `expected a GradientFileError matching ${pattern}`).toBeInstanceOf(GradientFileError);
  expect((error as Error).message).toMatch(pattern);
}

/** The sample-gradients JSON with one change. */
function changed(change: (json: any) => void): string { // eslint-disable-line @typescript-eslint/no-explicit-any
  const json = JSON.parse(sampleFile().text);
  change(json);
  return JSON.stringify(json);
}

describe('crc32', () => {
  it('matches the standard check value (zlib.crc32(b"123456789") = 0xcbf43926)', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });
});

describe('sample-gradients file (format a)', () => {
  it('round-trips every gradient bit for bit, with the layout and samples', () => {
    const { gradients, text, blob } = sampleFile();
    const read = decodeSampleGradients(parseSampleGradientsJson(text, 'g.json'), blob, 'g.f32');
    expect(read.json.data.shape).toEqual([2, 7 * 20 + 7 + 3 * 7 + 3]);
    expect(read.json.parameter_layout.map((p) => [p.layer, p.part, p.offset])).toEqual([
      ['dense_0', 'weights', 0],
      ['dense_0', 'biases', 140],
      ['dense_1', 'weights', 147],
      ['dense_1', 'biases', 168],
    ]);
    read.samples.forEach((s, i) => {
      expect(s.index).toBe([4, 1][i]);
      expect(s.label).toBe(gradients[i]!.label);
      s.layers.forEach((l, li) => {
        expect(l.weights).toEqual(gradients[i]!.layers[li]!.weights);
        expect(l.biases).toEqual(gradients[i]!.layers[li]!.biases);
      });
    });
  });

  it('refuses malformed or hostile manifests with the file and field named', () => {
    const parse = (text: string) => parseSampleGradientsJson(text, 'g.json');
    expectFileError(() => parse(sampleFile().text.slice(0, 100)), /^g\.json: not valid JSON/);
    expectFileError(() => parse('[]'), /^g\.json: \(top level\): /);
    expectFileError(() => parse(changed((j) => (j.format = 'mlp-kiosk-gradient-norms'))), /^g\.json: format: must be "mlp-kiosk-sample-gradients"/);
    expectFileError(() => parse(changed((j) => (j.version = 2))), /^g\.json: version: must be 1/);
    expectFileError(() => parse(changed((j) => (j.data.file = '../../etc/passwd'))), /^g\.json: data\.file: must be a plain file name beside the JSON/);
    expectFileError(() => parse(changed((j) => (j.data.file = '/tmp/x.f32'))), /data\.file: must be a plain file name/);
    expectFileError(() => parse(changed((j) => (j.data.dtype = '>f4'))), /data\.dtype: must be "<f4"/);
    expectFileError(() => parse(changed((j) => (j.data.shape = [2, 1e9]))), /^g\.json: data\.shape: is \[2, 1000000000\] but the file lists 2 samples of 171 parameters$/);
    expectFileError(() => parse(changed((j) => (j.data.byte_length = 5))), /^g\.json: data\.byte_length: is 5; \[2, 171\] float32 is 1368 bytes$/);
    expectFileError(() => parse(changed((j) => (j.data.byte_length = 2 ** 40))), /data\.byte_length: must be at most/);
    expectFileError(() => parse(changed((j) => (j.parameter_layout[2].offset = 146))), /^g\.json: parameter_layout\[2\]: does not match the network/);
    expectFileError(() => parse(changed((j) => (j.network.layers[1].weight_shape = [3, 8]))), /^g\.json: network\.layers\[1\]\.weight_shape: is \[3, 8\] but network\.architecture needs \[3, 7\]$/);
    expectFileError(() => parse(changed((j) => (j.network.architecture = [20, 7, 3, 2]))), /network\.layers: has 2 layers but network\.architecture \[20, 7, 3, 2\] describes 3/);
    expectFileError(() => parse(changed((j) => (j.samples[0].label = 3))), /^g\.json: samples\[0\]\.label: is 3; the network has 3 classes$/);
    expectFileError(() => parse(changed((j) => (j.samples[1].loss = -1))), /samples\[1\]\.loss: must not be negative/);
    expectFileError(() => parse(changed((j) => (j.samples = Array(1001).fill(j.samples[0])))), /samples: at most 1000 samples per file/);
  });

  it('refuses a blob that is truncated, too long, from another write or not finite', () => {
    const { text, blob } = sampleFile();
    const parsed = parseSampleGradientsJson(text, 'g.json');
    expectFileError(() => decodeSampleGradients(parsed, blob.subarray(0, blob.length - 4), 'g.f32'), /^g\.f32: is 1364 bytes but data\.byte_length says 1368 \(truncated\?\)$/);
    expectFileError(() => decodeSampleGradients(parsed, new Uint8Array(blob.length + 4), 'g.f32'), /^g\.f32: is 1372 bytes but data\.byte_length says 1368$/);
    const other = blob.slice();
    other[10] = other[10]! ^ 1;
    expectFileError(() => decodeSampleGradients(parsed, other, 'g.f32'), /^g\.f32: CRC-32 is \d+ but data\.crc32 says \d+ \(the blob does not belong to this JSON, or is damaged\)$/);
    // A NaN with a matching CRC: a writer bug, not damage; still refused.
    const nan = blob.slice();
    new DataView(nan.buffer).setFloat32(4 * 180, NaN, true);
    const withNan = JSON.parse(text);
    withNan.data.crc32 = crc32(nan);
    expectFileError(() => decodeSampleGradients(parseSampleGradientsJson(JSON.stringify(withNan), 'g.json'), nan, 'g.f32'), /^g\.f32: sample 1, parameter 9 is NaN; gradients must be finite$/);
  });
});

describe('gradient-norms file (format b)', () => {
  it('round-trips every column', () => {
    const { norms, text, entry, blob } = normsFile();
    const parsed = parseGradientNormsJson(text, 'n.json');
    expect(parsed.json.columns).toEqual(['norm', 'loss', 'label', 'predicted', 'norm:dense_0', 'norm:dense_1']);
    const table = decodeNormsBlob(parsed, entry, blob, 'n.epoch-1.f32');
    expect(table.norms).toEqual(norms.norms);
    expect(table.losses).toEqual(norms.losses);
    expect(table.predicted).toEqual(norms.predicted);
    expect(table.labels).toEqual(labels);
    expect(table.layerNorms).toEqual(norms.layerNorms);
    expect(parsed.json.entries[0]!.summary.classes.map((c) => c.count)).toEqual([2, 2, 2]);
  });

  it('replaces an entry with the same id and refuses one of the wrong size', () => {
    const { index, entry } = normsFile();
    expect(withNormsEntry(index, { ...entry, epoch: 7 }).entries.map((e) => e.epoch)).toEqual([7]);
    expect(withNormsEntry(index, { ...entry, id: 'epoch-2' }).entries).toHaveLength(2);
    expect(() => withNormsEntry(index, { ...entry, byte_length: 4 })).toThrow(/4 bytes, the index needs 144/);
  });

  it('refuses malformed or hostile indexes and blobs', () => {
    const { text, entry, blob } = normsFile();
    const edit = (change: (j: any) => void) => { // eslint-disable-line @typescript-eslint/no-explicit-any
      const j = JSON.parse(text);
      change(j);
      return parseGradientNormsJson(JSON.stringify(j), 'n.json');
    };
    expectFileError(() => parseGradientNormsJson(text.slice(0, -20), 'n.json'), /^n\.json: not valid JSON/);
    expectFileError(() => edit((j) => (j.count = 1e12)), /^n\.json: count: must be at most 10000000$/);
    expectFileError(() => edit((j) => (j.columns = ['norm'])), /^n\.json: columns: must be \["norm","loss","label","predicted","norm:dense_0","norm:dense_1"\]/);
    expectFileError(() => edit((j) => (j.layout = 'rows')), /layout: must be "columns"/);
    expectFileError(() => edit((j) => (j.entries[0].file = '..')), /entries\[0\]\.file: must be a plain file name/);
    expectFileError(() => edit((j) => j.entries.push(j.entries[0])), /^n\.json: entries\[1\]\.id: "epoch-1" appears twice$/);
    expectFileError(() => edit((j) => (j.entries[0].byte_length = 8)), /^n\.json: entries\[0\]\.byte_length: is 8; 6 columns x 6 samples of float32 is 144 bytes$/);
    expectFileError(() => edit((j) => (j.entries[0].summary.classes[0].error_rate = 2)), /error_rate/);
    const parsed = parseGradientNormsJson(text, 'n.json');
    expectFileError(() => decodeNormsBlob(parsed, entry, blob.subarray(0, 100), 'b.f32'), /^b\.f32: is 100 bytes but entries\[id=epoch-1\]\.byte_length says 144 \(truncated\?\)$/);
    const badLabel = blob.slice();
    new DataView(badLabel.buffer).setFloat32(4 * (2 * 6 + 3), 7, true); // label column, sample 3
    expectFileError(() => decodeNormsBlob(parsed, { ...entry, crc32: crc32(badLabel) }, badLabel, 'b.f32'), /^b\.f32: column label, sample 3 is 7; must be a class 0-2$/);
    const negative = blob.slice();
    new DataView(negative.buffer).setFloat32(4 * 1, -3, true); // norm column, sample 1
    expectFileError(() => decodeNormsBlob(parsed, { ...entry, crc32: crc32(negative) }, negative, 'b.f32'), /^b\.f32: column norm, sample 1 is -3; must be finite and >= 0$/);
  });
});
