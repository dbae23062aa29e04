import { manifestSchema, type ManifestJson, type TimelineEntryJson } from './manifest-schema.js';
import { MODEL_LIMITS } from './limits.js';
import { ModelFormatError } from './model-error.js';
import { snapshotPathProblem } from './snapshot-path.js';
import { parameterCount, type LayerSpec, type NetworkSpec, type TimelineEntry } from './types.js';
import { parseJsonText, toModelError } from './zod-issue.js';

export interface ParsedManifest {
  readonly network: NetworkSpec;
  readonly timeline: TimelineEntry[];
  /** The validated JSON, unknown keys included, for writing back losslessly. */
  readonly json: ManifestJson;
}

/** Parses and validates a manifest's text; `file` names it in errors. */
export function parseManifest(text: string, file: string): ParsedManifest {
  if (text.length > MODEL_LIMITS.maxManifestBytes) {
    throw new ModelFormatError(file, '', `is ${text.length} bytes; a manifest holds metadata only and must be under ${MODEL_LIMITS.maxManifestBytes}`);
  }
  const result = manifestSchema.safeParse(parseJsonText(text, file));
  if (!result.success) throw toModelError(file, result.error);
  const json = result.data;
  const network = networkOf(json, file);
  const timeline = json.timeline.map((entry, i) => timelineEntryOf(entry, i, file));
  checkUniqueIds(timeline, file);
  return { network, timeline, json };
}

function networkOf(json: ManifestJson, file: string): NetworkSpec {
  const { architecture, layers, input_dim, output_dim, normalization } = json.network;
  if (layers.length !== architecture.length - 1) {
    throw new ModelFormatError(file, 'network.layers', `has ${layers.length} layers but network.architecture [${architecture.join(', ')}] describes ${architecture.length - 1}`);
  }
  if (input_dim !== architecture[0]) throw new ModelFormatError(file, 'network.input_dim', `is ${input_dim} but network.architecture starts with ${architecture[0]}`);
  if (output_dim !== architecture[architecture.length - 1]) {
    throw new ModelFormatError(file, 'network.output_dim', `is ${output_dim} but network.architecture ends with ${architecture[architecture.length - 1]}`);
  }
  const specs: LayerSpec[] = layers.map((layer, i) => {
    const [out, inn] = layer.weight_shape;
    const expectedIn = architecture[i] as number;
    const expectedOut = architecture[i + 1] as number;
    if (inn !== expectedIn || out !== expectedOut) {
      const chain = i === 0 ? `the input size ${expectedIn}` : `layer ${i - 1}'s output size ${expectedIn}`;
      throw new ModelFormatError(file, `network.layers[${i}].weight_shape`, `is [${out}, ${inn}] but must be [${expectedOut}, ${expectedIn}] to chain with ${chain} and network.architecture`);
    }
    if (layer.bias_shape[0] !== out) {
      throw new ModelFormatError(file, `network.layers[${i}].bias_shape`, `is [${layer.bias_shape[0]}] but the layer has ${out} outputs`);
    }
    return { name: layer.name ?? `dense_${i}`, activation: layer.activation, inDim: inn, outDim: out };
  });
  const parameters = parameterCount(specs);
  if (parameters > MODEL_LIMITS.maxParameters) {
    throw new ModelFormatError(file, 'network.architecture', `has ${parameters} parameters; more than ${MODEL_LIMITS.maxParameters} is not a sane MLP for the exhibit`);
  }
  return { architecture: [...architecture], layers: specs, normalization: { mean: normalization.mean, std: normalization.std } };
}

const KNOWN_ENTRY_KEYS = new Set(['id', 'order', 'label', 'kind', 'target_images', 'images_seen', 'batches_seen', 'dataset_passes', 'description', 'metrics', 'weights', 'dataset_multiple']);
const KNOWN_METRIC_KEYS = new Set(['test_accuracy', 'avg_training_loss']);

function unknownKeys(obj: Record<string, unknown>, known: ReadonlySet<string>): Record<string, unknown> | undefined {
  const rest = Object.entries(obj).filter(([k]) => !known.has(k));
  return rest.length ? Object.fromEntries(rest) : undefined;
}

function timelineEntryOf(entry: TimelineEntryJson, i: number, file: string): TimelineEntry {
  const extra = unknownKeys(entry, KNOWN_ENTRY_KEYS);
  const extraMetrics = unknownKeys(entry.metrics, KNOWN_METRIC_KEYS);
  const problem = snapshotPathProblem(entry.weights.path);
  if (problem) throw new ModelFormatError(file, `timeline[${i}].weights.path`, `"${entry.weights.path}" ${problem}`);
  return {
    id: entry.id,
    order: entry.order,
    label: entry.label,
    kind: entry.kind,
    targetImages: entry.target_images,
    imagesSeen: entry.images_seen,
    batchesSeen: entry.batches_seen,
    datasetPasses: entry.dataset_passes,
    description: entry.description,
    metrics: {
      ...(entry.metrics.test_accuracy !== undefined && { testAccuracy: entry.metrics.test_accuracy }),
      ...(entry.metrics.avg_training_loss !== undefined && { avgTrainingLoss: entry.metrics.avg_training_loss }),
      ...(extraMetrics && { extra: extraMetrics }),
    },
    weightsPath: entry.weights.path,
    ...(entry.dataset_multiple !== undefined && { datasetMultiple: entry.dataset_multiple }),
    ...(extra && { extra }),
  };
}

function checkUniqueIds(timeline: readonly TimelineEntry[], file: string): void {
  const seen = new Map<string, number>();
  timeline.forEach((entry, i) => {
    const first = seen.get(entry.id);
    if (first !== undefined) throw new ModelFormatError(file, `timeline[${i}].id`, `"${entry.id}" is already used by timeline[${first}]`);
    seen.set(entry.id, i);
  });
}
