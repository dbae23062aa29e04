import type { NetworkSpec } from '../../model/types.js';
import { checkBlob } from './blob-check.js';
import { crc32 } from './crc32.js';
import { bytesToFloat32, float32ToBytes } from './float32-le.js';
import { GradientFileError } from './gradient-error.js';
import { FLOAT32_LE, LOSS, sampleGradientsJsonSchema, type SampleGradientsJson } from './gradient-file-schema.js';
import { networkFromJson, networkJson, parameterLayout } from './gradient-file-network.js';
import { parseGradientJson } from './json-text.js';
import type { LayerGradient, SampleGradient } from './sample-gradient.js';

/**
 * Format (a) of docs/GRADIENTS.md: full gradients of chosen samples. A JSON
 * manifest plus one float32 little-endian blob of shape [samples, parameters],
 * each row laid out layer by layer (weights [out][in], then biases).
 */

export interface SampleGradientsSource {
  readonly model: { readonly name: string; readonly snapshot: string | null };
  readonly network: NetworkSpec;
  readonly split: string;
  readonly indices: readonly number[];
  readonly gradients: readonly SampleGradient[];
  /** The blob's file name, beside the manifest. */
  readonly blobFile: string;
}

export function encodeSampleGradients(source: SampleGradientsSource): { json: SampleGradientsJson; blob: Uint8Array } {
  const { network, gradients, indices } = source;
  if (indices.length !== gradients.length) throw new RangeError(`encodeSampleGradients: ${indices.length} indices for ${gradients.length} gradients`);
  const layout = parameterLayout(network);
  const parameters = layout.reduce((n, p) => n + p.shape.reduce((a, b) => a * b, 1), 0);
  const blob = float32ToBytes(gradients.flatMap((g) => g.layers.flatMap((l) => [l.weights, l.biases])));
  if (blob.length !== gradients.length * parameters * 4) throw new RangeError('encodeSampleGradients: the gradients do not match the network');
  const json: SampleGradientsJson = {
    format: 'mlp-kiosk-sample-gradients',
    version: 1,
    loss: LOSS,
    model: { name: source.model.name, snapshot: source.model.snapshot },
    network: networkJson(network),
    data: { file: source.blobFile, dtype: FLOAT32_LE, shape: [gradients.length, parameters], byte_length: blob.length, crc32: crc32(blob) },
    parameter_layout: layout,
    samples: gradients.map((g, s) => ({ split: source.split, index: indices[s] as number, label: g.label, predicted: g.predicted, loss: g.loss, norm: g.norm })),
  };
  return { json, blob };
}

/** A read sample-gradients file. Probabilities are not stored; everything else of SampleGradient is. */
export interface SampleGradientsFile {
  readonly json: SampleGradientsJson;
  readonly network: NetworkSpec;
  readonly samples: ReadonlyArray<Omit<SampleGradient, 'probabilities'> & { readonly split: string; readonly index: number }>;
}

/** Validates the manifest's text; `file` names it in errors. Call before reading the blob, whose size it bounds. */
export function parseSampleGradientsJson(text: string, file: string): { json: SampleGradientsJson; network: NetworkSpec } {
  const json = parseGradientJson(text, file, sampleGradientsJsonSchema);
  const network = networkFromJson(json.network, file);
  const layout = parameterLayout(network);
  if (JSON.stringify(json.parameter_layout) !== JSON.stringify(layout)) {
    const at = json.parameter_layout.findIndex((p, i) => JSON.stringify(p) !== JSON.stringify(layout[i]));
    throw new GradientFileError(file, `parameter_layout[${at < 0 ? layout.length : at}]`, 'does not match the network (layer by layer: weights [out, in], then biases, packed)');
  }
  const parameters = layout.reduce((n, p) => n + p.shape.reduce((a, b) => a * b, 1), 0);
  const [rows, columns] = json.data.shape;
  if (rows !== json.samples.length || columns !== parameters) {
    throw new GradientFileError(file, 'data.shape', `is [${rows}, ${columns}] but the file lists ${json.samples.length} samples of ${parameters} parameters`);
  }
  if (json.data.byte_length !== rows * columns * 4) throw new GradientFileError(file, 'data.byte_length', `is ${json.data.byte_length}; [${rows}, ${columns}] float32 is ${rows * columns * 4} bytes`);
  const classes = network.architecture[network.architecture.length - 1] as number;
  json.samples.forEach((s, i) => {
    if (s.label >= classes) throw new GradientFileError(file, `samples[${i}].label`, `is ${s.label}; the network has ${classes} classes`);
    if (s.predicted >= classes) throw new GradientFileError(file, `samples[${i}].predicted`, `is ${s.predicted}; the network has ${classes} classes`);
  });
  return { json, network };
}

/** Checks the blob against the manifest (length, CRC-32, finite values) and splits it into per-layer gradients. */
export function decodeSampleGradients(parsed: { json: SampleGradientsJson; network: NetworkSpec }, blob: Uint8Array, blobFile: string): SampleGradientsFile {
  const { json, network } = parsed;
  checkBlob(blob, json.data, blobFile, 'data');
  const parameters = json.data.shape[1];
  const samples = json.samples.map((s, row) => {
    const values = bytesToFloat32(blob, row * parameters, parameters);
    const bad = values.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) throw new GradientFileError(blobFile, '', `sample ${row}, parameter ${bad} is ${values[bad]}; gradients must be finite`);
    let offset = 0;
    const layers = network.layers.map((l): LayerGradient => {
      const weights = values.subarray(offset, (offset += l.outDim * l.inDim));
      const biases = values.subarray(offset, (offset += l.outDim));
      return { name: l.name, inDim: l.inDim, outDim: l.outDim, weights, biases };
    });
    return { split: s.split, index: s.index, label: s.label, predicted: s.predicted, loss: s.loss, norm: s.norm, layers };
  });
  return { json, network, samples };
}
