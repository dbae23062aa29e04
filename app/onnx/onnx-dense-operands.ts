import { MODEL_LIMITS } from '../model/limits.js';
import { onnxError, shown } from './onnx-error.js';
import type { GraphIndex, GraphNode, StoredTensor } from './onnx-graph-index.js';
import { readFloatTensor } from './onnx-tensor.js';

/**
 * The stored operands of a dense layer's nodes: weights (Gemm's B, MatMul's
 * right-hand side) and biases (Gemm's C, the tensor of an Add), read against a
 * running parameter budget so that no file makes us allocate more than a sane
 * MLP needs.
 */
export class DenseOperands {
  private parameters = 0;

  constructor(private readonly index: GraphIndex) {}

  /** A 2-D weight tensor as [out][in] row-major; `layout` says how the file stores it. */
  weights(node: GraphNode, name: string, layout: 'out-in' | 'in-out'): { values: Float32Array; inDim: number; outDim: number } {
    const stored = this.stored(node, name, 'weight matrix');
    const { dims, values } = this.read(stored);
    const [rows, cols] = dims;
    if (dims.length !== 2 || rows === undefined || cols === undefined) {
      throw onnxError(this.index.file, stored.field, `weights have shape [${dims}]; a dense layer needs a 2-D matrix`);
    }
    const [outDim, inDim] = layout === 'out-in' ? [rows, cols] : [cols, rows];
    if (inDim === 0 || outDim === 0 || inDim > MODEL_LIMITS.maxWidth || outDim > MODEL_LIMITS.maxWidth) {
      throw onnxError(this.index.file, stored.field, `weights have shape [${dims}]; each side must be 1 to ${MODEL_LIMITS.maxWidth}`);
    }
    return { values: layout === 'out-in' ? values : transpose(values, rows, cols), inDim, outDim };
  }

  /** A bias broadcast to `outDim` values: shape [out], [1, out], [1] or a scalar, as ONNX broadcasting allows. */
  biases(node: GraphNode, name: string, outDim: number): Float32Array {
    const stored = this.stored(node, name, 'bias');
    const { dims, values } = this.read(stored);
    const shape = dims.join();
    if (shape === `${outDim}` || shape === `1,${outDim}`) return values;
    if (values.length === 1) return new Float32Array(outDim).fill(values[0] as number);
    throw onnxError(this.index.file, stored.field, `bias has shape [${dims}]; the layer has ${outDim} outputs`);
  }

  private read(stored: StoredTensor): { dims: number[]; values: Float32Array } {
    const remaining = MODEL_LIMITS.maxParameters - this.parameters;
    const result = readFloatTensor(stored.tensor, remaining, { file: this.index.file, field: stored.field });
    this.parameters += result.values.length;
    return result;
  }

  /** Weights must be in the file: an initializer or a Constant node. */
  private stored(node: GraphNode, name: string, role: string): StoredTensor {
    const found = this.index.constants.get(name);
    if (found) return found;
    const { file, producers, runtimeInputs } = this.index;
    if (runtimeInputs.some((v) => v.name === name)) {
      throw onnxError(file, node.field, `${role} "${shown(name)}" is a runtime graph input, not stored in the file; export with the weights as initializers`);
    }
    const producer = producers.get(name);
    if (producer) {
      throw onnxError(file, node.field, `${role} "${shown(name)}" is computed by ${producer.field}; only stored weights are supported`);
    }
    throw onnxError(file, node.field, `${role} "${shown(name)}" is missing: no initializer, Constant or graph input defines it`);
  }
}

/** [rows][cols] row-major to [cols][rows]. */
function transpose(values: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(values.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = values[r * cols + c] as number;
  return out;
}
