import { onnxError } from './onnx-error.js';
import { int64ToNumber, onnx, type Int64, type OnnxTypes } from './onnx-proto.js';

/**
 * The shape a graph input or output declares: a number per fixed dimension,
 * undefined per symbolic one ("batch"), or no shape at all.
 */
export type DeclaredShape = readonly (number | undefined)[] | undefined;

const FLOAT_TYPES = new Set<number>([
  onnx.TensorProto.DataType.FLOAT,
  onnx.TensorProto.DataType.FLOAT16,
  onnx.TensorProto.DataType.BFLOAT16,
  onnx.TensorProto.DataType.DOUBLE,
]);

/** Beyond any sane dimension: a file declaring more is refused outright. */
const MAX_DECLARED_DIM = 2 ** 31;

export function declaredShape(value: OnnxTypes.IValueInfoProto, file: string, field: string): DeclaredShape {
  const tensorType = value.type?.tensorType;
  if (value.type && !tensorType) throw onnxError(file, field, 'is not a tensor');
  const elemType = tensorType?.elemType ?? 0;
  if (elemType && !FLOAT_TYPES.has(elemType)) {
    throw onnxError(file, field, `is ${onnx.TensorProto.DataType[elemType] ?? elemType}; an MLP takes floating-point values`);
  }
  const dims = tensorType?.shape?.dim;
  if (!dims) return undefined;
  return dims.map((d) => {
    if (d.dimValue === null || d.dimValue === undefined || d.dimParam) return undefined;
    const n = int64ToNumber(d.dimValue as Int64);
    if (!Number.isSafeInteger(n) || n < 0 || n > MAX_DECLARED_DIM) {
      throw onnxError(file, field, `declares dimension ${n}; not a plausible tensor size`);
    }
    return n;
  });
}

/** Product of the non-batch dimensions, when all of them are fixed. */
export function featureCount(shape: DeclaredShape): number | undefined {
  if (!shape || shape.length < 2) return undefined;
  let n = 1;
  for (const d of shape.slice(1)) {
    if (d === undefined) return undefined;
    n *= d;
  }
  return n;
}

export function formatShape(shape: DeclaredShape): string {
  return shape ? `[${shape.map((d) => d ?? '?').join(', ')}]` : '[unknown]';
}
