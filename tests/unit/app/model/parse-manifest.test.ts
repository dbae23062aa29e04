import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ModelFormatError } from '../../../../app/model/model-error.js';
import { parseManifest } from '../../../../app/model/parse-manifest.js';
import { REFERENCE_MANIFEST } from '../../../helpers/fixtures.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const original = readFileSync(REFERENCE_MANIFEST, 'utf8');
const mutated = (change: (m: Json) => void): string => {
  const m = JSON.parse(original) as Json;
  change(m);
  return JSON.stringify(m);
};

function errorOf(text: string): ModelFormatError {
  try {
    parseManifest(text, 'bad.json');
  } catch (error) {
    expect(error).toBeInstanceOf(ModelFormatError);
    return error as ModelFormatError;
  }
  throw new Error('expected parseManifest to reject');
}

describe('parseManifest rejects broken manifests, naming file and field', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['not JSON', '{"version": 2,', /^bad\.json: not valid JSON/],
    ['NaN written by Python', original.replace('0.0959', 'NaN'), /NaN or Infinity/],
    ['a JSON array', '[]', /^bad\.json: \(top level\): /],
    ['missing version', mutated((m) => delete m.version), /^bad\.json: version: must be 2/],
    ['version 1', mutated((m) => (m.version = 1)), /^bad\.json: version: must be 2/],
    ['float32 dtype', mutated((m) => (m.dtype = 'float32')), /^bad\.json: dtype: must be "float16"/],
    ['single-file storage', mutated((m) => (m.weights.storage = 'inline')), /weights\.storage: must be "per_snapshot_files"/],
    ['unknown format', mutated((m) => (m.weights.format = 'v9')), /weights\.format: must be "layer_array_v1"/],
    ['missing network', mutated((m) => delete m.network), /^bad\.json: network: /],
    ['missing timeline', mutated((m) => delete m.timeline), /^bad\.json: timeline: /],
    ['empty timeline', mutated((m) => (m.timeline = [])), /timeline: needs at least one snapshot/],
    ['softmax activation', mutated((m) => (m.network.layers[1].activation = 'softmax')), /network\.layers\[1\]\.activation: must be one of relu, linear, tanh, sigmoid/],
    ['conv layer', mutated((m) => (m.network.layers[0].type = 'conv2d')), /network\.layers\[0\]\.type: only "dense"/],
    ['shapes that do not chain', mutated((m) => (m.network.layers[1].weight_shape = [64, 100])), /network\.layers\[1\]\.weight_shape: is \[64, 100\] but must be \[64, 128\] to chain with layer 0's output size 128/],
    ['bias of the wrong size', mutated((m) => (m.network.layers[2].bias_shape = [9])), /network\.layers\[2\]\.bias_shape: is \[9\] but the layer has 10 outputs/],
    ['architecture and layers disagree', mutated((m) => m.network.architecture.push(5)), /network\.layers: has 3 layers but network\.architecture \[784, 128, 64, 10, 5\] describes 4/],
    ['wrong input_dim', mutated((m) => (m.network.input_dim = 28)), /network\.input_dim: is 28/],
    ['negative std', mutated((m) => (m.network.normalization.std = -1)), /network\.normalization\.std: must be greater than 0/],
    ['string accuracy', mutated((m) => (m.timeline[3].metrics.test_accuracy = '90%')), /timeline\[3\]\.metrics\.test_accuracy: must be a number/],
    ['accuracy as percent', mutated((m) => (m.timeline[3].metrics.test_accuracy = 90)), /timeline\[3\]\.metrics\.test_accuracy: must be a fraction/],
    ['missing weights path', mutated((m) => delete m.timeline[2].weights.path), /timeline\[2\]\.weights\.path: /],
    ['path escaping with ..', mutated((m) => (m.timeline[0].weights.path = '../../etc/passwd')), /timeline\[0\]\.weights\.path: "\.\.\/\.\.\/etc\/passwd" escapes the export folder/],
    ['absolute path', mutated((m) => (m.timeline[0].weights.path = '/etc/passwd')), /timeline\[0\]\.weights\.path: "\/etc\/passwd" must be relative/],
    ['windows drive path', mutated((m) => (m.timeline[0].weights.path = 'C:/Windows/win.ini')), /not a drive path/],
    ['backslashes', mutated((m) => (m.timeline[0].weights.path = 'mlp_weights\\..\\..\\x.json')), /must use forward slashes/],
    ['URL', mutated((m) => (m.timeline[0].weights.path = 'https://example.com/w.json')), /not a URL/],
    ['duplicate ids', mutated((m) => (m.timeline[5].id = m.timeline[4].id)), /timeline\[5\]\.id: "approx_500" is already used by timeline\[4\]/],
    ['huge layer', mutated((m) => (m.network.architecture[1] = 1e9)), /network\.architecture\[1\]: must be at most 16384/],
    ['too many parameters', mutated((m) => {
      m.network.architecture = [784, 16000, 16000, 10];
      m.network.layers[0].weight_shape = [16000, 784];
      m.network.layers[0].bias_shape = [16000];
      m.network.layers[1].weight_shape = [16000, 16000];
      m.network.layers[1].bias_shape = [16000];
      m.network.layers[2].weight_shape = [10, 16000];
    }), /network\.architecture: has \d+ parameters; more than 20000000 is not a sane MLP/],
  ];
  it.each(cases)('%s', (_name, text, message) => {
    expect(errorOf(text).message).toMatch(message);
  });

  it('refuses a manifest too large to be metadata before parsing it', () => {
    expect(errorOf(' '.repeat(9 * 1024 * 1024)).message).toMatch(/must be under/);
  });

  it('accepts any stack of dense layers with relu, linear, tanh and sigmoid', () => {
    const text = mutated((m) => {
      m.network.architecture = [784, 32, 16, 8, 10];
      m.network.layers = [
        ['tanh', [32, 784]],
        ['sigmoid', [16, 32]],
        ['relu', [8, 16]],
        ['linear', [10, 8]],
      ].map(([activation, shape], i) => ({ layer_index: i, type: 'dense', name: `dense_${i}`, activation, weight_shape: shape, bias_shape: [(shape as number[])[0]] }));
    });
    expect(parseManifest(text, 'deep.json').network.layers.map((l) => `${l.activation}:${l.inDim}->${l.outDim}`)).toEqual([
      'tanh:784->32',
      'sigmoid:32->16',
      'relu:16->8',
      'linear:8->10',
    ]);
  });
});
