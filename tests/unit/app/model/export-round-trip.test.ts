import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { halfBitsToNumber, numberToHalfBits } from '../../../../app/model/float16.js';
import { parseManifest } from '../../../../app/model/parse-manifest.js';
import { parseSnapshot } from '../../../../app/model/parse-snapshot.js';
import { buildExport } from '../../../../app/model/write-export.js';
import { REFERENCE_MANIFEST } from '../../../helpers/fixtures.js';

// Oracle: the files PyTorch wrote. Reading them and writing them back must
// give the same bytes, manifest and every snapshot.
describe('export written by the PyTorch trainer', () => {
  const dir = path.dirname(REFERENCE_MANIFEST);
  const manifestText = readFileSync(REFERENCE_MANIFEST, 'utf8');
  const { network, timeline } = parseManifest(manifestText, 'mlp_weights.json');

  it('is read with its network and 35-snapshot timeline', () => {
    expect(network.architecture).toEqual([784, 128, 64, 10]);
    expect(network.layers.map((l) => l.activation)).toEqual(['relu', 'relu', 'linear']);
    expect(network.normalization).toEqual({ mean: 0.1307, std: 0.3081 });
    expect(timeline).toHaveLength(35);
    expect(timeline[34]).toMatchObject({ id: 'dataset_50x', imagesSeen: 3_000_000, datasetMultiple: 50, metrics: { testAccuracy: 0.98 } });
  });

  it('is written back byte for byte', () => {
    const snapshots = timeline.map((entry) => ({
      entry,
      weights: parseSnapshot(readFileSync(path.join(dir, entry.weightsPath), 'utf8'), entry.weightsPath, network),
    }));
    const out = buildExport({ network, snapshots, manifestName: 'mlp_weights.json' });
    expect(out.manifest).toBe(manifestText);
    expect(out.files.map((f) => f.path)).toEqual(timeline.map((e) => e.weightsPath));
    for (const file of out.files) {
      expect(file.text === readFileSync(path.join(dir, file.path), 'utf8'), file.path).toBe(true);
    }
  });

  it('reads back what it writes, bit for bit, for other architectures and activations', () => {
    const layers = [
      { name: 'dense_0', activation: 'tanh' as const, inDim: 5, outDim: 3 },
      { name: 'dense_1', activation: 'sigmoid' as const, inDim: 3, outDim: 2 },
    ];
    const spec = { architecture: [5, 3, 2], layers, normalization: { mean: 0.5, std: 0.25 } };
    const weights = {
      layers: layers.map((l, i) => ({
        ...l,
        weights: Float32Array.from({ length: l.inDim * l.outDim }, (_, k) => (k - 4) / (7 + i)),
        biases: Float32Array.from({ length: l.outDim }, (_, k) => k * 0.125),
      })),
    };
    const entry = { ...timeline[0]!, id: 'only one', extra: { note: 'kept' } };
    const out = buildExport({ network: spec, snapshots: [{ entry, weights }], manifestName: 'tiny.json', extra: { training: { seed: 7 } } });
    const parsed = parseManifest(out.manifest, 'tiny.json');
    expect(parsed.network).toEqual(spec);
    expect(parsed.timeline[0]).toMatchObject({ id: 'only one', weightsPath: 'tiny/000_only-one.json', extra: { note: 'kept' } });
    expect(parsed.json).toMatchObject({ training: { seed: 7 } });
    const back = parseSnapshot(out.files[0]!.text, 'x', parsed.network);
    back.layers.forEach((layer, i) => {
      const original = weights.layers[i]!;
      // What we read is exactly the float16 rounding of what we wrote.
      expect([...layer.weights].map(numberToHalfBits)).toEqual([...original.weights].map(numberToHalfBits));
      expect([...layer.weights]).toEqual([...original.weights].map((v) => halfBitsToNumber(numberToHalfBits(v))));
      expect([...layer.biases]).toEqual([...original.biases]); // multiples of 1/8 are exact in float16
    });
  });
});
