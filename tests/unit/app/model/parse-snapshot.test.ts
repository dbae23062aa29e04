import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModelFormatError } from '../../../../app/model/model-error.js';
import { parseManifest } from '../../../../app/model/parse-manifest.js';
import { parseSnapshot } from '../../../../app/model/parse-snapshot.js';
import { REFERENCE_MANIFEST } from '../../../helpers/fixtures.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const { network } = parseManifest(readFileSync(REFERENCE_MANIFEST, 'utf8'), 'mlp_weights.json');
const original = readFileSync(path.join(path.dirname(REFERENCE_MANIFEST), 'mlp_weights/034_dataset-50x.json'), 'utf8');
const mutated = (change: (s: Json) => void): string => {
  const s = JSON.parse(original) as Json;
  change(s);
  return JSON.stringify(s);
};

/** Replaces float16 value `index` of layer 0's weights with the given bits. */
function withHalf(bits: number, index = 7): string {
  return mutated((s) => {
    const bytes = Buffer.from(s.layers[0].weights.data as string, 'base64');
    bytes.writeUInt16LE(bits, index * 2);
    s.layers[0].weights.data = bytes.toString('base64');
  });
}

function errorOf(text: string): string {
  try {
    parseSnapshot(text, 'snap.json', network);
  } catch (error) {
    expect(error).toBeInstanceOf(ModelFormatError);
    return (error as Error).message;
  }
  throw new Error('expected parseSnapshot to reject');
}

describe('parseSnapshot', () => {
  it('decodes the PyTorch-written snapshot into float32 weights of the right shapes', () => {
    const { layers } = parseSnapshot(original, 'snap.json', network);
    expect(layers.map((l) => [l.weights.length, l.biases.length])).toEqual([
      [100352, 128],
      [8192, 64],
      [640, 10],
    ]);
    expect(layers[0]!.weights[0]).toBeCloseTo(-0.01218, 5);
  });

  const cases: Array<[string, string, RegExp]> = [
    ['truncated file', original.slice(0, 5000), /^snap\.json: not valid JSON/],
    ['wrong dtype', mutated((s) => (s.dtype = 'float32')), /^snap\.json: dtype: must be "float16"/],
    ['missing layers', mutated((s) => delete s.layers), /^snap\.json: layers: /],
    ['a layer too few', mutated((s) => s.layers.pop()), /layers: has 2 layers but the manifest's network has 3/],
    ['wrong shape', mutated((s) => (s.layers[1].weights.shape = [128, 64])), /layers\[1\]\.weights\.shape: is \[128, 64\] but the manifest's network needs \[64, 128\]/],
    ['data too short', mutated((s) => (s.layers[2].biases.data = 'AAAA')), /layers\[2\]\.biases\.data: holds 4 base64 characters but shape \[10\] needs 28/],
    ['data too long', mutated((s) => (s.layers[0].weights.data += 'AAAA')), /layers\[0\]\.weights\.data: holds \d+ base64 characters/],
    ['not base64', mutated((s) => (s.layers[2].biases.data = '!'.repeat(28))), /layers\[2\]\.biases\.data: is not valid base64: invalid character "!"/],
    ['data not a string', mutated((s) => (s.layers[2].biases.data = [1, 2])), /layers\[2\]\.biases\.data: must be a base64 string/],
    ['NaN weight', withHalf(0x7e00), /layers\[0\]\.weights\.data: value 7 is NaN; weights must be finite/],
    ['Infinity weight', withHalf(0x7c00), /value 7 is Infinity/],
    ['-Infinity weight', withHalf(0xfc00, 100351), /value 100351 is -Infinity/],
    ['activation disagreeing with the manifest', mutated((s) => (s.layers[0].activation = 'tanh')), /layers\[0\]\.activation: is "tanh" but the manifest says "relu"/],
  ];
  it.each(cases)('rejects %s', (_name, text, message) => {
    expect(errorOf(text)).toMatch(message);
  });
});
