import type { Group, LineSegments, Mesh, Scene } from 'three';
import { createConnectionsMesh } from './connections-mesh.js';
import { createFloatTexture, type FloatTexture } from './float-texture.js';
import { layoutNetwork, type NetworkLayout } from './network-layout.js';
import { createNodesMesh } from './nodes-mesh.js';
import { createOutputLabels, disposeLabels } from './output-labels.js';
import { WeightSource } from './weight-glsl.js';

/** What one update shows: the input pixels, every hidden layer's output and the probabilities. */
export interface NetworkValues {
  readonly input: ArrayLike<number>;
  readonly hidden: readonly ArrayLike<number>[];
  readonly probabilities: ArrayLike<number>;
}

/**
 * The 3D network, following three.js's addon lifecycle: connect(scene),
 * setWeights once per snapshot, update per input, dispose. Built for one
 * architecture; a model with another one gets a new view.
 */
export class NetworkView {
  readonly layout: NetworkLayout;
  private readonly weights: FloatTexture;
  private readonly activations: FloatTexture;
  /** weightAt() for every connection: the live snapshot, or a timeline mix (timeline-mode.ts drives it). */
  readonly weightSource: WeightSource;
  /** Per layer 1 / typical |weight| of what is drawn now; the timeline overwrites it, useLiveWeights() restores it. */
  readonly weightScale: Float32Array;
  private readonly liveWeightScale: Float32Array;
  private readonly activationScale: Float32Array;
  private readonly connections: LineSegments;
  private readonly nodes: Mesh;
  private readonly labels: Group;
  private scene: Scene | undefined;

  constructor(architecture: readonly number[], maxConnectionsPerLayer = Infinity) {
    this.layout = layoutNetwork(architecture);
    const layers = this.layout.layers;
    let connectionCount = 0;
    for (let l = 0; l + 1 < layers.length; l++) connectionCount += layers[l]!.size * layers[l + 1]!.size;
    this.weights = createFloatTexture(connectionCount, 2048);
    this.activations = createFloatTexture(this.layout.nodeCount, 1024);
    this.weightScale = new Float32Array(layers.length);
    this.liveWeightScale = new Float32Array(layers.length);
    this.weightSource = new WeightSource(this.weights);
    this.activationScale = new Float32Array(layers.length).fill(1);
    this.connections = createConnectionsMesh(
      this.layout,
      { weightSource: this.weightSource, activations: this.activations, weightScale: this.weightScale, activationScale: this.activationScale },
      maxConnectionsPerLayer,
    );
    this.nodes = createNodesMesh(this.layout, this.activations, this.activationScale);
    this.labels = createOutputLabels(this.layout);
  }

  /** Number of lines drawn (every connection unless capped). */
  get connectionCount(): number {
    return (this.connections.geometry.getAttribute('position').count / 2) | 0;
  }

  connect(scene: Scene): void {
    this.scene = scene;
    scene.add(this.connections, this.nodes, this.labels);
  }

  /** One snapshot's weights, per layer row-major [out][in]: one upload. Returns the bytes uploaded. */
  setWeights(layerWeights: readonly Float32Array[]): number {
    let offset = 0;
    layerWeights.forEach((w, l) => {
      this.weights.data.set(w, offset);
      offset += w.length;
      this.liveWeightScale[l] = 1 / Math.max(typicalMagnitude(w), 1e-6);
    });
    if (!this.weightSource.uniforms.uTimelineOn.value) this.weightScale.set(this.liveWeightScale);
    return this.weights.upload();
  }

  /** Back from the timeline to the live snapshot's weights (nothing uploaded: they never left the GPU). */
  useLiveWeights(): void {
    this.weightSource.useLive();
    this.weightScale.set(this.liveWeightScale);
  }

  /** One input's activations: ~1k floats, the only per-update upload. Returns the bytes uploaded. */
  update(values: NetworkValues): number {
    const data = this.activations.data;
    const layers = this.layout.layers;
    const sources = [values.input, ...values.hidden, values.probabilities];
    layers.forEach((layer, l) => {
      const src = sources[l];
      let max = 0;
      for (let k = 0; k < layer.size; k++) {
        const v = (src?.[k] as number | undefined) ?? 0;
        data[layer.offset + k] = v;
        if (Math.abs(v) > max) max = Math.abs(v);
      }
      // Pixels and probabilities are already in [0, 1]; hidden layers are
      // shown relative to their own strongest neuron.
      this.activationScale[l] = layer.kind === 'hidden' ? (max > 0 ? 1 / max : 0) : 1;
    });
    return this.activations.upload();
  }

  dispose(): void {
    this.scene?.remove(this.connections, this.nodes, this.labels);
    this.connections.geometry.dispose();
    (this.connections.material as { dispose(): void }).dispose();
    this.nodes.geometry.dispose();
    (this.nodes.material as { dispose(): void }).dispose();
    disposeLabels(this.labels);
    this.weights.dispose();
    this.weightSource.dispose();
    this.activations.dispose();
  }
}

/** The 99th percentile of |w| over a sample: a few outliers must not dim the rest. */
export function typicalMagnitude(values: Float32Array): number {
  const step = Math.max(1, Math.floor(values.length / 4096));
  const sample: number[] = [];
  for (let i = 0; i < values.length; i += step) sample.push(Math.abs(values[i] as number));
  sample.sort((a, b) => a - b);
  return sample[Math.floor((sample.length - 1) * 0.99)] ?? 0;
}
