import { z } from 'zod';
import { Base64Error, decodeBase64 } from './base64.js';
import { decodeFloat16 } from './float16.js';
import { ModelFormatError } from './model-error.js';
import type { DenseLayer, NetworkSpec, SnapshotWeights } from './types.js';
import { parseJsonText, toModelError } from './zod-issue.js';

const tensorSchema = z.looseObject({
  shape: z.array(z.number().int().min(1)).min(1).max(2),
  data: z.string({ error: 'must be a base64 string' }),
});

const snapshotSchema = z.looseObject({
  version: z.literal(1, { error: 'must be 1 (layer_array_v1 snapshot)' }).optional(),
  dtype: z.literal('float16', { error: 'must be "float16"' }),
  layers: z.array(
    z.looseObject({
      layer_index: z.number().int().min(0).optional(),
      name: z.string().optional(),
      activation: z.string().optional(),
      weights: tensorSchema,
      biases: tensorSchema,
    }),
  ),
});

/**
 * Parses one snapshot file (layer_array_v1: base64 little-endian float16) and
 * checks it against the manifest's network: same layers, shapes that match,
 * data of exactly the right length, and only finite numbers.
 */
export function parseSnapshot(text: string, file: string, network: NetworkSpec): SnapshotWeights {
  const result = snapshotSchema.safeParse(parseJsonText(text, file));
  if (!result.success) throw toModelError(file, result.error);
  const { layers } = result.data;
  if (layers.length !== network.layers.length) {
    throw new ModelFormatError(file, 'layers', `has ${layers.length} layers but the manifest's network has ${network.layers.length}`);
  }
  const dense: DenseLayer[] = layers.map((layer, i) => {
    const spec = network.layers[i]!;
    const field = `layers[${i}]`;
    if (layer.activation !== undefined && layer.activation !== spec.activation) {
      throw new ModelFormatError(file, `${field}.activation`, `is "${layer.activation}" but the manifest says "${spec.activation}"`);
    }
    return {
      ...spec,
      weights: tensorOf(layer.weights, [spec.outDim, spec.inDim], file, `${field}.weights`),
      biases: tensorOf(layer.biases, [spec.outDim], file, `${field}.biases`),
    };
  });
  return { layers: dense };
}

function tensorOf(tensor: z.infer<typeof tensorSchema>, shape: number[], file: string, field: string): Float32Array {
  if (tensor.shape.length !== shape.length || tensor.shape.some((d, i) => d !== shape[i])) {
    throw new ModelFormatError(file, `${field}.shape`, `is [${tensor.shape.join(', ')}] but the manifest's network needs [${shape.join(', ')}]`);
  }
  const count = shape.reduce((a, b) => a * b, 1);
  // Check the length before decoding: a wrong file must not cost a big allocation.
  const expectedChars = Math.ceil((count * 2) / 3) * 4;
  if (tensor.data.length !== expectedChars) {
    throw new ModelFormatError(file, `${field}.data`, `holds ${tensor.data.length} base64 characters but shape [${shape.join(', ')}] needs ${expectedChars} (${count} float16 values)`);
  }
  let bytes: Uint8Array;
  try {
    bytes = decodeBase64(tensor.data);
  } catch (error) {
    if (error instanceof Base64Error) throw new ModelFormatError(file, `${field}.data`, `is not valid base64: ${error.message}`);
    throw error;
  }
  if (bytes.length !== count * 2) {
    throw new ModelFormatError(file, `${field}.data`, `decodes to ${bytes.length} bytes but shape [${shape.join(', ')}] needs ${count * 2}`);
  }
  const values = decodeFloat16(bytes);
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      throw new ModelFormatError(file, `${field}.data`, `value ${i} is ${values[i]}; weights must be finite numbers`);
    }
  }
  return values;
}
