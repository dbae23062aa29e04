import { describe, expect, it } from 'vitest';
import { formatNumber, formulaParts } from '../../../../app/inspect/formula-text.js';
import { neuronTerms, strongestTerms } from '../../../../app/inspect/neuron-terms.js';
import { forward, normalize } from '../../../../app/model/forward.js';
import { SeededRandom } from '../../../../app/random/seeded-random.js';
import { ARCHITECTURES, randomLayers } from '../../../helpers/random-layers.js';

const english = { shown: 3, digits: 2, decimal: '.', more: (n: number) => `+${n} more` };

describe('neuronTerms', () => {
  // Oracle: every neuron of every layer, recomputed term by term, equals the forward pass.
  for (const arch of ARCHITECTURES) {
    it(`matches the forward pass for every neuron (${arch.name})`, () => {
      const layers = randomLayers(arch.sizes, arch.activations, 7);
      const pixels = new SeededRandom(11).floats(arch.sizes[0]!, 0, 1);
      const normalization = { mean: 0.1307, std: 0.3081 };
      const { activations } = forward(layers, pixels, normalization);
      layers.forEach((layer, l) => {
        const inputs = l === 0 ? normalize(pixels, normalization) : activations[l - 1]!;
        for (let o = 0; o < layer.outDim; o++) {
          const t = neuronTerms(layer.weights, layer.inDim, layer.biases[o]!, o, inputs, layer.activation);
          expect(t.value).toBeCloseTo(activations[l]![o]!, 5);
          expect(t.ranked).toHaveLength(layer.inDim);
        }
      });
    });
  }

  it('ranks inputs by |weight x input| and splits the strongest by sign', () => {
    const weights = Float32Array.from([0.5, -2, 1, 0.1, -0.25]);
    const inputs = [1, 1, 0.5, 3, 0];
    const t = neuronTerms(weights, 5, 0.1, 0, inputs, 'relu');
    expect(t.ranked.map((x) => x.index)).toEqual([1, 0, 2, 3, 4]);
    expect(t.sum).toBeCloseTo(0.1 + 0.5 - 2 + 0.5 + 0.3, 6);
    expect(t.value).toBe(0);
    const { positive, negative } = strongestTerms(t, 2);
    expect(positive.map((x) => x.index)).toEqual([0, 2]);
    expect(negative.map((x) => x.index)).toEqual([1]);
  });

  it('reads row `neuron` of a row-major [out][in] matrix', () => {
    const weights = Float32Array.from([1, 2, 3, 4, 5, 6]);
    expect(neuronTerms(weights, 3, 0, 1, [1, 1, 1], 'linear').sum).toBe(15);
  });
});

describe('formulaParts', () => {
  it('writes the biggest terms, counts the rest and ends with the real value', () => {
    const weights = Float32Array.from([0.31, -0.12, 0.02, 0.01, 0.003]);
    const t = neuronTerms(weights, 5, 0.05, 0, [0.9, 0.4, 0.1, 0.1, 0.1], 'relu');
    const f = formulaParts(t, english);
    expect(f.text).toBe('relu( 0.31×0.90 + (\u22120.12)×0.40 + 0.02×0.10 + … (+2 more) + 0.05 ) = 0.28');
    expect(f.hidden).toBe(2);
    expect(Number(f.result)).toBeCloseTo(t.value, 2);
  });

  it('speaks German decimals and leaves out the activation when there is none', () => {
    const t = neuronTerms(Float32Array.from([-1.5, 2]), 2, -0.25, 0, [1, 1], 'linear');
    const f = formulaParts(t, { ...english, decimal: ',', more: (n) => `+${n} weitere` });
    expect(f.text).toBe('2,00×1,00 + (\u22121,50)×1,00 + (\u22120,25) = 0,25');
    expect(f.hidden).toBe(0);
  });

  it('never writes a negative zero', () => {
    expect(formatNumber(-0.001, 2)).toBe('0.00');
    expect(formatNumber(-0.006, 2)).toBe('\u22120.01');
  });
});
