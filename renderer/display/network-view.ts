import type { BufferGeometry, InstancedBufferGeometry, Mesh, ShaderMaterial, Scene } from 'three';
import { createConnectionsMesh, EMPHASIS_LEVELS, type EmphasisLevel } from './connections-mesh.js';
import { createFloatTexture, type FloatTexture } from './float-texture.js';
import { layoutNetwork, type NetworkLayout } from './network-layout.js';
import { createNodesMesh } from './nodes-mesh.js';
import { createOutputLabels, disposeLabels } from './output-labels.js';
import { WavePlayer } from './wave-player.js';
import { WeightSource } from './weight-glsl.js';

/** What one update shows: the input pixels, every hidden layer's output and the probabilities. */
export interface NetworkValues {
  readonly input: ArrayLike<number>;
  readonly hidden: readonly ArrayLike<number>[];
  readonly probabilities: ArrayLike<number>;
  /** No ink: a clear, shown as a quicker wave going dark. */
  readonly empty?: boolean;
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
  /** The propagation wave: fronts along connection layers and node layers turning, as uniforms. */
  readonly wave: WavePlayer;
  private readonly connections: Mesh<InstancedBufferGeometry, ShaderMaterial>;
  private readonly nodes: Mesh;
  private readonly labels: Mesh<BufferGeometry, ShaderMaterial>;
  private scene: Scene | undefined;

  constructor(architecture: readonly number[], maxConnectionsPerLayer = Infinity) {
    this.layout = layoutNetwork(architecture);
    const layers = this.layout.layers;
    let connectionCount = 0;
    for (let l = 0; l + 1 < layers.length; l++) connectionCount += layers[l]!.size * layers[l + 1]!.size;
    this.weights = createFloatTexture(connectionCount, 2048);
    // "from" (what is shown) then "to" (the newest frame), each scaled to -1..1: see connections-mesh.ts.
    this.activations = createFloatTexture(this.layout.nodeCount * 2, 2048);
    this.weightScale = new Float32Array(layers.length);
    this.liveWeightScale = new Float32Array(layers.length);
    this.weightSource = new WeightSource(this.weights);
    this.wave = new WavePlayer(layers.length - 1, new Float32Array(layers.length), new Float32Array(layers.length), new Float32Array(1));
    this.connections = createConnectionsMesh(
      this.layout,
      { weightSource: this.weightSource, activations: this.activations, weightScale: this.weightScale, front: this.wave.front, ahead: this.wave.ahead },
      maxConnectionsPerLayer,
    );
    this.nodes = createNodesMesh(this.layout, this.activations, this.wave.nodeMix, this.wave.ahead);
    this.labels = createOutputLabels(this.layout);
  }

  /** Number of connections drawn, one instance each (every connection unless capped). */
  get connectionCount(): number {
    return this.connections.geometry.instanceCount;
  }

  /** Which connections stand out: a uniform, nothing is hidden. */
  setEmphasis(level: EmphasisLevel): void {
    this.connections.material.uniforms.uEmphasis!.value = EMPHASIS_LEVELS[level];
  }

  /** The exponent the connection shader uses now (tests read it). */
  get emphasis(): number {
    return this.connections.material.uniforms.uEmphasis!.value as number;
  }

  /** Brings the wave's uniforms to now; true while it still runs. */
  tick(): boolean {
    return this.wave.tick();
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
    // On the timeline the scale is the scrubbed snapshots'; the live one comes back with useLiveWeights().
    if (!this.weightSource.uniforms.uTimelineOn.value) this.weightScale.set(this.liveWeightScale);
    return this.weights.upload();
  }

  /** Back from the timeline to the live snapshot's weights (nothing uploaded: they never left the GPU). */
  useLiveWeights(): void {
    this.weightSource.useLive();
    this.weightScale.set(this.liveWeightScale);
  }

  /**
   * One input's activations: ~1k floats (twice: the shown state and the new
   * one, in one small texture), the only per-update upload. Returns the
   * bytes uploaded.
   */
  update(values: NetworkValues): number {
    const data = this.activations.data;
    const n = this.layout.nodeCount;
    const layers = this.layout.layers;
    // A new wave starts from what is on screen now, so nothing jumps when frames come mid-wave.
    if (this.wave.frame(values.empty ?? false)) {
      layers.forEach((layer, l) => {
        const m = this.wave.nodeMix[l] as number;
        for (let k = layer.offset; k < layer.offset + layer.size; k++) data[k] = (data[k] as number) + ((data[n + k] as number) - (data[k] as number)) * m;
      });
    }
    const sources = [values.input, ...values.hidden, values.probabilities];
    layers.forEach((layer, l) => {
      const src = sources[l];
      let max = 0;
      for (let k = 0; k < layer.size; k++) max = Math.max(max, Math.abs((src?.[k] as number | undefined) ?? 0));
      // Pixels and probabilities are already in [0, 1]; hidden layers are
      // shown relative to their own strongest neuron.
      const scale = layer.kind === 'hidden' ? (max > 0 ? 1 / max : 0) : 1;
      for (let k = 0; k < layer.size; k++) data[n + layer.offset + k] = ((src?.[k] as number | undefined) ?? 0) * scale;
    });
    this.wave.tick();
    return this.activations.upload();
  }

  dispose(): void {
    this.scene?.remove(this.connections, this.nodes, this.labels);
    this.connections.geometry.dispose();
    this.connections.material.dispose();
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
