import { MODEL_LIMITS } from '../model/limits.js';
import { onnxError } from './onnx-error.js';
import { int64ToNumber, onnx, type Int64, type OnnxTypes } from './onnx-proto.js';

/**
 * Bytes to an ONNX ModelProto, or a ModelFormatError that says in one line why
 * the file is not one. protobufjs checks every length against the buffer, so
 * truncated or random bytes fail here instead of reading past the end.
 */
export function decodeOnnxModel(bytes: Uint8Array, file: string): OnnxTypes.ModelProto {
  if (bytes.length === 0) throw onnxError(file, '', 'the file is empty; not an ONNX model');
  if (bytes.length > MODEL_LIMITS.maxOnnxBytes) {
    const mb = (n: number): string => `${(n / 1e6).toFixed(1)} MB`;
    throw onnxError(file, '', `the file is ${mb(bytes.length)}; larger than any MLP this kiosk shows (limit ${mb(MODEL_LIMITS.maxOnnxBytes)})`);
  }
  if (bytes[0] === 0x7b) throw onnxError(file, '', 'the file looks like JSON, not an ONNX model (a manifest should be named *.json)');
  let model: OnnxTypes.ModelProto;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (error) {
    // A RangeError from a deeply nested hostile message lands here too.
    const reason = error instanceof Error ? error.message : String(error);
    throw onnxError(file, '', `not an ONNX model or truncated (protobuf decoding failed: ${reason})`);
  }
  // Random bytes sometimes decode as a protobuf message by chance; a real
  // ONNX file always states its IR version and holds a graph.
  const irVersion = int64ToNumber(model.irVersion as Int64 | null);
  if (!(irVersion >= 3)) throw onnxError(file, 'ir_version', `is ${irVersion}; not an ONNX model (ONNX files have 3 or more)`);
  if (!model.graph) throw onnxError(file, 'graph', 'missing; the ONNX file holds no graph');
  return model;
}
