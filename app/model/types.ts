/**
 * The in-memory model: what every part of the kiosk (inference, display,
 * training, ONNX) agrees on once an export or an ONNX file has been validated.
 * Weights are row-major [out][in] like PyTorch's `nn.Linear.weight`.
 */

export const ACTIVATIONS = ['relu', 'linear', 'tanh', 'sigmoid'] as const;
export type Activation = (typeof ACTIVATIONS)[number];

export interface Normalization {
  /** Pixels in [0, 1] are fed to the first layer as (x - mean) / std. */
  readonly mean: number;
  readonly std: number;
}

/** Structure of one dense layer, without its numbers. */
export interface LayerSpec {
  readonly name: string;
  readonly activation: Activation;
  readonly inDim: number;
  readonly outDim: number;
}

/** The network's structure: what the display lays out. */
export interface NetworkSpec {
  /** [input, hidden..., output], e.g. [784, 128, 64, 10]. */
  readonly architecture: readonly number[];
  readonly layers: readonly LayerSpec[];
  readonly normalization: Normalization;
}

/** One dense layer with its numbers. */
export interface DenseLayer extends LayerSpec {
  /** outDim * inDim values, row-major: weights[o * inDim + i]. */
  readonly weights: Float32Array;
  readonly biases: Float32Array;
}

/** The weights of one timeline snapshot (or of a single ONNX model). */
export interface SnapshotWeights {
  readonly layers: readonly DenseLayer[];
}

export interface SnapshotMetrics {
  readonly testAccuracy?: number;
  readonly avgTrainingLoss?: number;
  /** Metrics this reader does not know, kept so that writing back loses nothing. */
  readonly extra?: Readonly<Record<string, unknown>>;
}

/** One point on the training timeline, as the manifest describes it. */
export interface TimelineEntry {
  readonly id: string;
  readonly order: number;
  readonly label: string;
  readonly kind: string;
  readonly targetImages: number;
  readonly imagesSeen: number;
  readonly batchesSeen: number;
  readonly datasetPasses: number;
  readonly description: string;
  readonly metrics: SnapshotMetrics;
  /** Path of the snapshot file relative to the manifest's folder (POSIX). */
  readonly weightsPath: string;
  /** For "dataset_multiple" entries: how many passes over the training set. */
  readonly datasetMultiple?: number;
  /** Keys this reader does not know, kept so that writing back loses nothing. */
  readonly extra?: Readonly<Record<string, unknown>>;
}

/** Result of one forward pass. */
export interface ForwardResult {
  /** Output of every layer after its activation (hidden layers, then the output layer). */
  readonly activations: Float32Array[];
  /** Pre-softmax output of the last layer. */
  readonly logits: Float32Array;
  readonly probabilities: Float32Array;
}

export function specOf(layers: readonly DenseLayer[]): LayerSpec[] {
  return layers.map(({ name, activation, inDim, outDim }) => ({ name, activation, inDim, outDim }));
}

/** Weights and biases of a stack of dense layers. */
export function parameterCount(layers: readonly LayerSpec[]): number {
  return layers.reduce((n, l) => n + l.outDim * l.inDim + l.outDim, 0);
}
