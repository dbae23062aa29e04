import { intAttribute, intsAttribute } from './onnx-attributes.js';
import type { GraphIndex, GraphNode } from './onnx-graph-index.js';
import { readIntTensor } from './onnx-tensor.js';

/**
 * Recognizes what torch.onnx.export writes for `x.view(x.size(0), -1)` with a
 * dynamic batch: Reshape(x, Concat(Unsqueeze(Gather(Shape(x), 0), [0]), [-1])).
 * It only flattens every sample, so the importer treats it as a Flatten.
 * Returns the four helper nodes (Shape, Gather, Unsqueeze, Concat), or
 * undefined when the Reshape's shape is computed any other way.
 */
export function matchBatchFlatten(reshape: GraphNode, index: GraphIndex): GraphNode[] | undefined {
  const [data, shape] = reshape.inputs;
  if (!data || !shape) return undefined;
  try {
    const concat = only(index, index.producers.get(shape), 'Concat', reshape);
    if (!concat || concat.inputs.length !== 2 || intAttribute(concat.proto, 'axis', 0, index.file, concat.field) !== 0) return undefined;
    if (!isConstant(index, concat.inputs[1], [-1])) return undefined;
    const unsqueeze = only(index, index.producers.get(concat.inputs[0] ?? ''), 'Unsqueeze', concat);
    if (!unsqueeze) return undefined;
    // Unsqueeze's axes: an attribute up to opset 12, a constant input since 13.
    const axes = intsAttribute(unsqueeze.proto, 'axes', index.file, unsqueeze.field);
    if (axes ? axes.join() !== '0' : !isConstant(index, unsqueeze.inputs[1], [0])) return undefined;
    const gather = only(index, index.producers.get(unsqueeze.inputs[0] ?? ''), 'Gather', unsqueeze);
    if (!gather || intAttribute(gather.proto, 'axis', 0, index.file, gather.field) !== 0) return undefined;
    if (!isConstant(index, gather.inputs[1], [0])) return undefined;
    const shapeOf = only(index, index.producers.get(gather.inputs[0] ?? ''), 'Shape', gather);
    if (!shapeOf || shapeOf.inputs[0] !== data || (shapeOf.proto.attribute?.length ?? 0) > 0) return undefined;
    return [shapeOf, gather, unsqueeze, concat];
  } catch {
    // A malformed helper is simply not the pattern; the caller reports the Reshape.
    return undefined;
  }
}

/** `node` if it has the op and its single output feeds only `user`. */
function only(index: GraphIndex, node: GraphNode | undefined, op: string, user: GraphNode): GraphNode | undefined {
  if (!node || node.op !== op || node.outputs.length !== 1) return undefined;
  const users = index.consumers.get(node.outputs[0] ?? '') ?? [];
  return users.length === 1 && users[0] === user ? node : undefined;
}

function isConstant(index: GraphIndex, name: string | undefined, expected: readonly number[]): boolean {
  const stored = index.constants.get(name ?? '');
  if (!stored) return false;
  const values = readIntTensor(stored.tensor, 8, { file: index.file, field: stored.field });
  return values.join() === expected.join();
}
