import { onnxError, shown } from './onnx-error.js';
import { tensorAttribute } from './onnx-attributes.js';
import type { OnnxTypes } from './onnx-proto.js';

/**
 * The lookups the importer needs over a GraphProto: which values are stored
 * tensors (initializers and Constant nodes), which node produces a value and
 * which nodes consume it. Also refuses graphs that are not valid SSA (a value
 * defined twice), since nothing after that could be trusted.
 */

export interface GraphNode {
  readonly index: number;
  readonly op: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly proto: OnnxTypes.INodeProto;
  /** For messages: `graph.node[3] (Gemm)`. */
  readonly field: string;
}

export interface StoredTensor {
  readonly tensor: OnnxTypes.ITensorProto;
  readonly field: string;
}

export interface GraphIndex {
  readonly file: string;
  /** Every node except Constant, in file order. */
  readonly nodes: readonly GraphNode[];
  readonly constants: ReadonlyMap<string, StoredTensor>;
  readonly producers: ReadonlyMap<string, GraphNode>;
  readonly consumers: ReadonlyMap<string, readonly GraphNode[]>;
  /** graph.input entries that are not also initializers: what is fed at run time. */
  readonly runtimeInputs: readonly OnnxTypes.IValueInfoProto[];
  readonly outputs: readonly OnnxTypes.IValueInfoProto[];
}

export function indexGraph(graph: OnnxTypes.IGraphProto, file: string): GraphIndex {
  const constants = new Map<string, StoredTensor>();
  const defined = new Set<string>();
  const define = (name: string, field: string): void => {
    if (!name) throw onnxError(file, field, 'defines a value without a name');
    if (defined.has(name)) throw onnxError(file, field, `defines "${shown(name)}" a second time; not a valid ONNX graph`);
    defined.add(name);
  };

  (graph.initializer ?? []).forEach((tensor, i) => {
    const field = `graph.initializer[${i}] ("${shown(tensor.name)}")`;
    define(tensor.name ?? '', field);
    constants.set(tensor.name ?? '', { tensor, field });
  });

  const initializerNames = new Set(constants.keys());
  // Older exports (keep_initializers_as_inputs) also list every initializer
  // as a graph input; those are stored weights, not runtime inputs.
  const runtimeInputs = (graph.input ?? []).filter((v) => !initializerNames.has(v.name ?? ''));
  runtimeInputs.forEach((v, i) => define(v.name ?? '', `graph.input[${i}]`));

  const nodes: GraphNode[] = [];
  const producers = new Map<string, GraphNode>();
  const consumers = new Map<string, GraphNode[]>();
  (graph.node ?? []).forEach((proto, index) => {
    const op = proto.domain && proto.domain !== 'ai.onnx' ? `${proto.domain}:${proto.opType ?? ''}` : (proto.opType ?? '');
    const node: GraphNode = { index, op, inputs: proto.input ?? [], outputs: proto.output ?? [], proto, field: `graph.node[${index}] (${shown(op)})` };
    node.outputs.forEach((name) => define(name, node.field));
    if (op === 'Constant') {
      const tensor = tensorAttribute(proto, 'value');
      if (!tensor || node.outputs.length !== 1) {
        throw onnxError(file, node.field, 'only Constant nodes holding a "value" tensor are supported');
      }
      constants.set(node.outputs[0] as string, { tensor, field: node.field });
      return;
    }
    nodes.push(node);
    node.outputs.forEach((name) => producers.set(name, node));
    // An empty input name is an omitted optional input (e.g. Gemm without C).
    for (const name of new Set(node.inputs)) {
      if (!name) continue;
      const list = consumers.get(name) ?? [];
      list.push(node);
      consumers.set(name, list);
    }
  });

  return { file, nodes, constants, producers, consumers, runtimeInputs, outputs: graph.output ?? [] };
}
