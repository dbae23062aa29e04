import { MODEL_LIMITS } from '../model/limits.js';
import { onnxError, shown } from './onnx-error.js';
import type { Activation, DenseLayer } from '../model/types.js';
import { floatAttribute, intAttribute } from './onnx-attributes.js';
import { matchBatchFlatten } from './onnx-batch-flatten.js';
import { DenseOperands } from './onnx-dense-operands.js';
import type { GraphIndex, GraphNode } from './onnx-graph-index.js';
import { readIntTensor } from './onnx-tensor.js';
import { declaredShape, featureCount, formatShape, type DeclaredShape } from './onnx-value-shape.js';

/**
 * Walks an ONNX graph from its input to its output and reads it as a stack of
 * dense layers, accepting what torch.onnx.export writes for an MLP:
 *   [Flatten | Reshape]  (Gemm | MatMul [Add]) [Relu|Tanh|Sigmoid]  ...  [Softmax | LogSoftmax]
 * with Identity anywhere. The graph must be one chain: every value feeds at
 * most one node and every node lies on the path. The first operator outside
 * that vocabulary is named in the error, before anything about structure, as
 * that is what a curator can act on.
 */

const SUPPORTED_OPS = new Set(['Gemm', 'MatMul', 'Add', 'Relu', 'Tanh', 'Sigmoid', 'Flatten', 'Reshape', 'Identity', 'Softmax', 'LogSoftmax']);
const ACTIVATIONS: Record<string, Activation> = { Relu: 'relu', Tanh: 'tanh', Sigmoid: 'sigmoid' };
const EXPECTED = 'expected Gemm or MatMul+Add with Relu/Tanh/Sigmoid';

export interface LayerChain {
  readonly layers: DenseLayer[];
  /** A final Softmax / LogSoftmax that was dropped: the kiosk applies softmax itself. */
  readonly droppedOutputOp?: 'Softmax' | 'LogSoftmax';
}

interface PendingLayer {
  weights: Float32Array;
  biases: Float32Array;
  inDim: number;
  outDim: number;
  activation: Activation;
}

export function readLayerChain(index: GraphIndex, opsetVersion: number): LayerChain {
  return new ChainReader(index, opsetVersion).read();
}

class ChainReader {
  private readonly file: string;
  private readonly operands: DenseOperands;
  /** Helper nodes of a recognized `x.view(x.size(0), -1)`: not on the chain, but accounted for. */
  private readonly flattenHelpers = new Set<GraphNode>();
  private readonly visited = new Set<GraphNode>();
  private readonly layers: DenseLayer[] = [];
  private pending: PendingLayer | undefined;
  private droppedOutputOp: 'Softmax' | 'LogSoftmax' | undefined;
  /** Shape of the running value while it is still the (possibly flattened) input. */
  private inputShape: DeclaredShape;

  constructor(
    private readonly index: GraphIndex,
    private readonly opsetVersion: number,
  ) {
    this.file = index.file;
    this.operands = new DenseOperands(index);
  }

  read(): LayerChain {
    this.rejectUnsupportedOperators();
    const [input, ...extraInputs] = this.index.runtimeInputs;
    if (!input) throw this.error('graph.input', 'the graph has no runtime input');
    const [output, ...extraOutputs] = this.index.outputs;
    if (!output || extraOutputs.length > 0) {
      throw this.error('graph.output', `the graph has ${this.index.outputs.length} outputs; an MLP has exactly one`);
    }
    this.inputShape = declaredShape(input, this.file, `graph.input "${shown(input.name)}"`);
    const outputShape = declaredShape(output, this.file, `graph.output "${shown(output.name)}"`);

    let current = input.name ?? '';
    while (current !== output.name) {
      const node = this.nextNode(current, output.name ?? '');
      this.step(node, current);
      current = node.outputs[0] as string;
    }
    const stray = this.index.consumers.get(current)?.filter((n) => !this.flattenHelpers.has(n)) ?? [];
    if (stray[0]) throw this.error(stray[0].field, `reads the graph output "${shown(current)}"; only a single chain of layers is supported`);
    this.finishLayer();

    const last = this.layers[this.layers.length - 1];
    if (!last) throw this.error('graph', `holds no Gemm or MatMul layer; ${EXPECTED}`);
    const unvisited = this.index.nodes.find((n) => !this.visited.has(n) && !this.flattenHelpers.has(n));
    if (unvisited) throw this.error(unvisited.field, `is not on the path from the input "${shown(input.name)}" to the output "${shown(output.name)}"; only a single chain of layers is supported`);
    const extra = extraInputs[0];
    if (extra) throw this.error(`graph.input "${shown(extra.name)}"`, 'a second runtime input; an MLP takes exactly one input');
    const outWidth = outputShape?.[outputShape.length - 1];
    if (outWidth !== undefined && outWidth !== last.outDim) {
      throw this.error(`graph.output "${shown(output.name)}"`, `declares shape ${formatShape(outputShape)} but the last layer has ${last.outDim} outputs`);
    }
    return this.droppedOutputOp ? { layers: this.layers, droppedOutputOp: this.droppedOutputOp } : { layers: this.layers };
  }

  private rejectUnsupportedOperators(): void {
    for (const node of this.index.nodes) {
      if (node.op !== 'Reshape' || this.index.constants.has(node.inputs[1] ?? '')) continue;
      matchBatchFlatten(node, this.index)?.forEach((n) => this.flattenHelpers.add(n));
    }
    const unsupported = this.index.nodes.find((n) => !SUPPORTED_OPS.has(n.op) && !this.flattenHelpers.has(n));
    if (unsupported) throw this.error(unsupported.field, `unsupported operator "${shown(unsupported.op)}"; ${EXPECTED}`);
  }

  /** The one node that reads `current`; anything else is not a chain. */
  private nextNode(current: string, output: string): GraphNode {
    const users = this.index.consumers.get(current)?.filter((n) => !this.flattenHelpers.has(n)) ?? [];
    const [node, second] = users;
    if (!node) throw this.error('graph', `value "${shown(current)}" leads nowhere: no node reads it and it is not the graph output "${shown(output)}"`);
    if (second) {
      const some = users.slice(0, 3).map((n) => n.field).join(', ');
      throw this.error(second.field, `value "${shown(current)}" feeds ${users.length} nodes (${some}${users.length > 3 ? ', ...' : ''}); only a single chain of layers is supported`);
    }
    if (this.visited.has(node)) throw this.error(node.field, 'is reached twice; the graph has a cycle');
    this.visited.add(node);
    if (node.outputs.length !== 1) throw this.error(node.field, `has ${node.outputs.length} outputs; expected one`);
    return node;
  }

  private step(node: GraphNode, current: string): void {
    if (this.droppedOutputOp && node.op !== 'Identity') {
      throw this.error(node.field, `comes after the final ${this.droppedOutputOp}; a softmax must be the graph's last step`);
    }
    const activation = ACTIVATIONS[node.op];
    if (activation) return this.activate(node, activation);
    switch (node.op) {
      case 'Identity':
        return;
      case 'Flatten':
        return this.flatten(node);
      case 'Reshape':
        return this.reshape(node, current);
      case 'Gemm':
        return this.gemm(node, current);
      case 'MatMul':
        return this.matMul(node, current);
      case 'Add':
        return this.add(node, current);
      case 'Softmax':
      case 'LogSoftmax':
        return this.softmax(node, node.op);
      default:
        throw this.error(node.field, `unsupported operator "${shown(node.op)}"; ${EXPECTED}`);
    }
  }

  private flatten(node: GraphNode): void {
    const axis = intAttribute(node.proto, 'axis', 1, this.file, node.field);
    // On a [N, features] value between layers, Flatten(axis=1) changes nothing.
    if (axis !== 1) throw this.error(node.field, `axis=${axis} would fold the batch dimension; only axis=1 is supported`);
    if (!this.hasLayers()) this.inputShape = this.inputShape && [this.inputShape[0], featureCount(this.inputShape)];
  }

  private reshape(node: GraphNode, current: string): void {
    if (this.hasLayers()) throw this.error(node.field, 'Reshape between layers is not supported; only a flatten in front of the first layer');
    if (node.inputs[0] !== current) throw this.error(node.field, 'the running value must be the data input');
    const shapeName = node.inputs[1] ?? '';
    const stored = this.index.constants.get(shapeName);
    const target = stored
      ? readIntTensor(stored.tensor, 8, { file: this.file, field: stored.field })
      : this.isBatchFlatten(node)
        ? [0, -1]
        : undefined;
    if (!target) throw this.error(node.field, 'the target shape is computed by the graph; only a constant shape or x.view(x.size(0), -1) is supported');
    const [batch, width] = target;
    // allowzero=1 makes a 0 a literal empty dimension instead of "keep the batch size".
    if (batch === 0 && intAttribute(node.proto, 'allowzero', 0, this.file, node.field) !== 0) {
      throw this.error(node.field, 'reshapes to an empty batch (allowzero=1); only a flatten to [batch, features] is supported');
    }
    const valid = target.length === 2 && batch !== undefined && width !== undefined && batch >= -1 && (width === -1 || width > 0) && !(batch === -1 && width === -1);
    if (!valid) throw this.error(node.field, `reshapes to [${target}]; only a flatten to [batch, features] is supported`);
    const features = featureCount(this.inputShape);
    if (width > 0 && features !== undefined && features !== width) {
      throw this.error(node.field, `reshapes an input of shape ${formatShape(this.inputShape)} to [${target}], which mixes samples; only a flatten is supported`);
    }
    this.inputShape = [undefined, width > 0 ? width : features];
  }

  private isBatchFlatten(node: GraphNode): boolean {
    return this.index.consumers.get(node.inputs[0] ?? '')?.some((n) => n.op === 'Shape' && this.flattenHelpers.has(n)) ?? false;
  }

  private gemm(node: GraphNode, current: string): void {
    const { proto, field, inputs } = node;
    if (inputs[0] !== current) throw this.error(field, 'the running value must be input A; weights as A are not supported');
    const transA = intAttribute(proto, 'transA', 0, this.file, field);
    const transB = intAttribute(proto, 'transB', 0, this.file, field);
    const alpha = floatAttribute(proto, 'alpha', 1, this.file, field);
    const beta = floatAttribute(proto, 'beta', 1, this.file, field);
    if (transA !== 0) throw this.error(field, `transA=${transA} is not supported; a dense layer has transA=0`);
    if (transB !== 0 && transB !== 1) throw this.error(field, `transB=${transB} must be 0 or 1`);
    if (alpha !== 1 || (inputs[2] && beta !== 1)) {
      throw this.error(field, `alpha=${alpha}, beta=${beta}: only alpha=1 and beta=1 (a plain nn.Linear) are supported`);
    }
    const weights = this.operands.weights(node, inputs[1] ?? '', transB === 1 ? 'out-in' : 'in-out');
    // A copy: an Add after the Gemm sums into it, and a broadcast bias may be shared.
    const biases = inputs[2] ? this.operands.biases(node, inputs[2], weights.outDim).slice() : new Float32Array(weights.outDim);
    this.startLayer(node, weights, biases);
  }

  private matMul(node: GraphNode, current: string): void {
    const [a, b] = node.inputs;
    if (a !== current) throw this.error(node.field, 'the weights are the left operand (W @ x); only x @ W is supported');
    // x @ W: torch stores W as [in, out] (the transpose of nn.Linear.weight).
    const weights = this.operands.weights(node, b ?? '', 'in-out');
    this.startLayer(node, weights, new Float32Array(weights.outDim));
  }

  private add(node: GraphNode, current: string): void {
    const pending = this.pending;
    if (!pending) throw this.error(node.field, `Add without a Gemm or MatMul before it; ${EXPECTED}`);
    if (pending.activation !== 'linear') throw this.error(node.field, 'Add after an activation is not supported; only a bias add right after Gemm or MatMul');
    const others = node.inputs.filter((name) => name !== current);
    if (node.inputs.length !== 2 || others.length !== 1) throw this.error(node.field, 'must add one stored bias to the running value');
    const bias = this.operands.biases(node, others[0] as string, pending.outDim);
    for (let i = 0; i < pending.outDim; i++) pending.biases[i] = (pending.biases[i] as number) + (bias[i] as number);
  }

  private activate(node: GraphNode, activation: Activation): void {
    const pending = this.pending;
    if (!pending) throw this.error(node.field, `${node.op} without a Gemm or MatMul before it; ${EXPECTED}`);
    if (pending.activation !== 'linear') throw this.error(node.field, `${node.op} right after another activation; ${EXPECTED}`);
    pending.activation = activation;
  }

  private softmax(node: GraphNode, op: 'Softmax' | 'LogSoftmax'): void {
    if (!this.hasLayers()) throw this.error(node.field, `${op} without a layer before it; ${EXPECTED}`);
    // The default axis was 1 before opset 13 and -1 since; on [N, classes] both mean the classes.
    const axis = intAttribute(node.proto, 'axis', this.opsetVersion < 13 ? 1 : -1, this.file, node.field);
    if (axis !== 1 && axis !== -1) throw this.error(node.field, `axis=${axis}; only a softmax over the classes (axis 1 or -1) is supported`);
    this.droppedOutputOp = op;
  }

  private startLayer(node: GraphNode, { values, inDim, outDim }: { values: Float32Array; inDim: number; outDim: number }, biases: Float32Array): void {
    this.finishLayer();
    const previous = this.layers[this.layers.length - 1];
    if (this.layers.length >= MODEL_LIMITS.maxLayers) throw this.error(node.field, `more than ${MODEL_LIMITS.maxLayers} layers; not a sane MLP for the kiosk`);
    if (previous && previous.outDim !== inDim) {
      throw this.error(node.field, `takes ${inDim} inputs but the layer before gives ${previous.outDim}; the layer shapes do not chain`);
    }
    if (!previous) this.checkInputWidth(node, inDim);
    this.pending = { weights: values, biases, inDim, outDim, activation: 'linear' };
  }

  private checkInputWidth(node: GraphNode, inDim: number): void {
    const shape = this.inputShape;
    if (!shape) return;
    if (shape.length > 2) throw this.error(node.field, `gets an input of shape ${formatShape(shape)}; a dense layer needs [batch, features] (flatten first)`);
    const width = shape[shape.length - 1];
    if (width !== undefined && width !== inDim) {
      throw this.error(node.field, `takes ${inDim} inputs but the graph input gives ${formatShape(shape)}; the shapes do not chain`);
    }
  }

  private finishLayer(): void {
    const p = this.pending;
    if (!p) return;
    const name = `dense_${this.layers.length}`;
    this.layers.push({ name, activation: p.activation, inDim: p.inDim, outDim: p.outDim, weights: p.weights, biases: p.biases });
    this.pending = undefined;
  }

  private hasLayers(): boolean {
    return this.pending !== undefined || this.layers.length > 0;
  }

  private error(field: string, problem: string): Error {
    return onnxError(this.file, field, problem);
  }
}
