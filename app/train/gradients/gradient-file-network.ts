import { parameterCount, type NetworkSpec } from '../../model/types.js';
import { GradientFileError } from './gradient-error.js';
import { GRADIENT_FILE_LIMITS } from './gradient-file-limits.js';
import type { networkJsonSchema, SampleGradientsJson } from './gradient-file-schema.js';
import type { z } from 'zod';

type NetworkJson = z.infer<typeof networkJsonSchema>;
export type ParameterLayout = SampleGradientsJson['parameter_layout'];

/** The network as the gradient files describe it. */
export function networkJson(network: NetworkSpec): NetworkJson {
  return {
    architecture: [...network.architecture],
    normalization: { mean: network.normalization.mean, std: network.normalization.std },
    layers: network.layers.map((l) => ({ name: l.name, activation: l.activation, weight_shape: [l.outDim, l.inDim], bias_shape: [l.outDim] })),
  };
}

/** Checks that the layers chain along the architecture and returns the spec. */
export function networkFromJson(json: NetworkJson, file: string): NetworkSpec {
  const { architecture } = json;
  if (json.layers.length !== architecture.length - 1) {
    throw new GradientFileError(file, 'network.layers', `has ${json.layers.length} layers but network.architecture [${architecture.join(', ')}] describes ${architecture.length - 1}`);
  }
  const layers = json.layers.map((l, i) => {
    const [outDim, inDim] = l.weight_shape;
    if (inDim !== architecture[i] || outDim !== architecture[i + 1]) {
      throw new GradientFileError(file, `network.layers[${i}].weight_shape`, `is [${outDim}, ${inDim}] but network.architecture needs [${architecture[i + 1]}, ${architecture[i]}]`);
    }
    if (l.bias_shape[0] !== outDim) throw new GradientFileError(file, `network.layers[${i}].bias_shape`, `is [${l.bias_shape[0]}] but the layer has ${outDim} outputs`);
    return { name: l.name, activation: l.activation, inDim, outDim };
  });
  if (new Set(layers.map((l) => l.name)).size !== layers.length) throw new GradientFileError(file, 'network.layers', 'layer names must be unique');
  const parameters = parameterCount(layers);
  if (parameters > GRADIENT_FILE_LIMITS.maxParameters) throw new GradientFileError(file, 'network', `has ${parameters} parameters, more than ${GRADIENT_FILE_LIMITS.maxParameters}`);
  return { architecture, layers, normalization: json.normalization };
}

/** Where each layer's weights and biases sit in one sample's row of parameters: layer by layer, weights [out][in] then biases. */
export function parameterLayout(network: NetworkSpec): ParameterLayout {
  const layout: ParameterLayout = [];
  let offset = 0;
  for (const l of network.layers) {
    layout.push({ layer: l.name, part: 'weights', offset, shape: [l.outDim, l.inDim] });
    offset += l.outDim * l.inDim;
    layout.push({ layer: l.name, part: 'biases', offset, shape: [l.outDim] });
    offset += l.outDim;
  }
  return layout;
}
