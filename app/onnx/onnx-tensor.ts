import { halfBitsToNumber } from '../model/float16.js';
import { onnxError } from './onnx-error.js';
import { int64ToNumber, onnx, type Int64, type OnnxTypes } from './onnx-proto.js';

/**
 * Reads the numbers out of an ONNX TensorProto, whichever of the places ONNX
 * allows they were stored in (raw_data little-endian bytes, or the typed
 * repeated fields), checking the declared shape against the data before
 * anything is allocated: a hostile file cannot make us build a huge array.
 */

const DataType = onnx.TensorProto.DataType;

/** Where a tensor came from, for error messages. */
export interface TensorSource {
  readonly file: string;
  /** e.g. `graph.initializer["fc1.weight"]`. */
  readonly field: string;
}

export function dataTypeName(dataType: number | null | undefined): string {
  return DataType[dataType ?? 0] ?? `data type ${dataType}`;
}

/** The declared dims as numbers; refuses negative ones and more than `maxElements` values. */
export function tensorDims(tensor: OnnxTypes.ITensorProto, maxElements: number, { file, field }: TensorSource): number[] {
  const dims = (tensor.dims ?? []).map((d) => int64ToNumber(d as Int64));
  let count = 1;
  for (const d of dims) {
    if (!Number.isSafeInteger(d) || d < 0) throw onnxError(file, field, `invalid dimension ${d} in shape [${dims}]`);
    count *= d;
  }
  if (count > maxElements) {
    throw onnxError(file, field, `shape [${dims}] holds ${count} values; more than the ${maxElements} a sane MLP can have`);
  }
  return dims;
}

function elementCount(dims: readonly number[]): number {
  return dims.reduce((a, b) => a * b, 1);
}

function rejectExternal(tensor: OnnxTypes.ITensorProto, { file, field }: TensorSource): void {
  if (tensor.dataLocation === onnx.TensorProto.DataLocation.EXTERNAL || (tensor.externalData?.length ?? 0) > 0) {
    throw onnxError(file, field, 'weights are stored in an external data file; save the model with its weights inside the .onnx file');
  }
  if (tensor.segment) throw onnxError(file, field, 'segmented tensors are not supported');
}

/** A floating-point tensor (float32, float16, bfloat16 or float64) as float32 values, all finite. */
export function readFloatTensor(
  tensor: OnnxTypes.ITensorProto,
  maxElements: number,
  source: TensorSource,
): { dims: number[]; values: Float32Array } {
  rejectExternal(tensor, source);
  const dims = tensorDims(tensor, maxElements, source);
  const count = elementCount(dims);
  const values = decodeFloats(tensor, count, source);
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      throw onnxError(source.file, source.field, `holds ${values[i]} at index ${i}; weights must be finite numbers`);
    }
  }
  return { dims, values };
}

function decodeFloats(tensor: OnnxTypes.ITensorProto, count: number, source: TensorSource): Float32Array {
  const raw = tensor.rawData && tensor.rawData.length > 0 ? tensor.rawData : undefined;
  switch (tensor.dataType) {
    case DataType.FLOAT: {
      if (raw) return fromRaw(raw, 4, count, source, (v, o) => v.getFloat32(o, true));
      return fromList(tensor.floatData, count, source, 'float_data');
    }
    case DataType.DOUBLE: {
      if (raw) return fromRaw(raw, 8, count, source, (v, o) => v.getFloat64(o, true));
      return fromList(tensor.doubleData, count, source, 'double_data');
    }
    case DataType.FLOAT16:
    case DataType.BFLOAT16: {
      // bfloat16 is the top half of a float32; float16 is IEEE binary16.
      const toNumber = tensor.dataType === DataType.FLOAT16 ? halfBitsToNumber : bfloat16BitsToNumber;
      if (raw) return fromRaw(raw, 2, count, source, (v, o) => toNumber(v.getUint16(o, true)));
      // Without raw_data, ONNX keeps 16-bit floats' bit patterns in int32_data.
      const bits = fromList(tensor.int32Data, count, source, 'int32_data');
      const out = new Float32Array(count);
      for (let i = 0; i < count; i++) out[i] = toNumber((bits[i] as number) & 0xffff);
      return out;
    }
    default:
      throw onnxError(source.file, source.field, `${dataTypeName(tensor.dataType)} weights are not supported; expected FLOAT, FLOAT16 or DOUBLE`);
  }
}

function bfloat16BitsToNumber(bits: number): number {
  const f = new Float32Array(new Uint32Array([bits << 16]).buffer);
  return f[0] as number;
}

function fromRaw(
  raw: Uint8Array,
  width: number,
  count: number,
  { file, field }: TensorSource,
  read: (view: DataView, offset: number) => number,
): Float32Array {
  if (raw.length !== count * width) {
    throw onnxError(file, `${field}.raw_data`, `has ${raw.length} bytes; shape needs ${count} values of ${width} bytes (${count * width})`);
  }
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = read(view, i * width);
  return out;
}

function fromList(list: readonly number[] | null | undefined, count: number, { file, field }: TensorSource, name: string): Float32Array {
  const n = list?.length ?? 0;
  if (n !== count) throw onnxError(file, `${field}.${name}`, `has ${n} values; shape needs ${count}`);
  return Float32Array.from(list ?? []);
}

/** A small integer tensor (INT64 or INT32), e.g. the target shape of a Reshape. */
export function readIntTensor(tensor: OnnxTypes.ITensorProto, maxElements: number, source: TensorSource): number[] {
  rejectExternal(tensor, source);
  const count = elementCount(tensorDims(tensor, maxElements, source));
  const raw = tensor.rawData && tensor.rawData.length > 0 ? tensor.rawData : undefined;
  const { file, field } = source;
  const check = (n: number, name: string): void => {
    if (n !== count) throw onnxError(file, `${field}.${name}`, `has ${n} values; shape needs ${count}`);
  };
  if (tensor.dataType === DataType.INT64) {
    if (raw) {
      check(raw.length / 8, 'raw_data');
      const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
      return Array.from({ length: count }, (_, i) => Number(view.getBigInt64(i * 8, true)));
    }
    check(tensor.int64Data?.length ?? 0, 'int64_data');
    return (tensor.int64Data ?? []).map((v) => int64ToNumber(v as Int64));
  }
  if (tensor.dataType === DataType.INT32) {
    if (raw) {
      check(raw.length / 4, 'raw_data');
      const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
      return Array.from({ length: count }, (_, i) => view.getInt32(i * 4, true));
    }
    check(tensor.int32Data?.length ?? 0, 'int32_data');
    return [...(tensor.int32Data ?? [])];
  }
  throw onnxError(file, field, `${dataTypeName(tensor.dataType)} is not an integer tensor`);
}
