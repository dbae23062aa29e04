import { onnxError } from './onnx-error.js';
import { int64ToNumber, onnx, type Int64, type OnnxTypes } from './onnx-proto.js';

/** Typed reads of a node's attributes, with the ONNX default when absent. */

const AttributeType = onnx.AttributeProto.AttributeType;

function find(node: OnnxTypes.INodeProto, name: string): OnnxTypes.IAttributeProto | undefined {
  return node.attribute?.find((a) => a.name === name);
}

export function intAttribute(node: OnnxTypes.INodeProto, name: string, fallback: number, file: string, field: string): number {
  const a = find(node, name);
  if (!a) return fallback;
  if (a.type !== AttributeType.INT) throw onnxError(file, `${field}.${name}`, 'must be an integer attribute');
  return int64ToNumber(a.i as Int64 | null);
}

export function floatAttribute(node: OnnxTypes.INodeProto, name: string, fallback: number, file: string, field: string): number {
  const a = find(node, name);
  if (!a) return fallback;
  if (a.type !== AttributeType.FLOAT) throw onnxError(file, `${field}.${name}`, 'must be a float attribute');
  return a.f ?? 0;
}

export function intsAttribute(node: OnnxTypes.INodeProto, name: string, file: string, field: string): number[] | undefined {
  const a = find(node, name);
  if (!a) return undefined;
  if (a.type !== AttributeType.INTS) throw onnxError(file, `${field}.${name}`, 'must be a list of integers');
  return (a.ints ?? []).map((v) => int64ToNumber(v as Int64));
}

export function tensorAttribute(node: OnnxTypes.INodeProto, name: string): OnnxTypes.ITensorProto | undefined {
  const a = find(node, name);
  return a?.type === AttributeType.TENSOR && a.t ? a.t : undefined;
}
