import type { WebGLRenderer } from 'three';
import { forward } from '../../app/model/forward.js';
import { ACTIVATIONS, type Activation, type DenseLayer } from '../../app/model/types.js';
import { NetworkView, type NetworkValues } from '../display/network-view.js';
import { Stage } from '../display/stage.js';
import { anchorLayerOf, AnchorModel, type AnchorLayer } from './anchor-model.js';
import { AnchorVisualiser } from './anchor-visualiser.js';
import type { BenchConfig, Variant } from './bench-protocol.js';

/** One implementation under measurement, fed digit `i` of the bench's inputs. */
export interface Subject {
  readonly connections: number;
  readonly renderer: WebGLRenderer;
  /** The per-input work; returns the bytes the implementation says it uploads (0 when it does not say). */
  update(i: number): number;
  render(): void;
  /** The anchor's forward pass alone (undefined for ours: the hub runs it). */
  forwardOnly?(i: number): void;
  /** Snapshot k's weights in (the next render uploads them where the implementation does). */
  useSnapshot(k: number): void;
  dispose(): void;
}

export interface BenchData {
  readonly config: BenchConfig;
  /** Per snapshot, per layer. */
  readonly snapshots: readonly DenseLayer[][];
  readonly inputs: readonly Float32Array[];
}

export async function loadBenchData(): Promise<BenchData> {
  const config = (await (await fetch('/bench/config.json')).json()) as BenchConfig;
  const snapshots = await Promise.all(
    config.snapshots.map(async (_id, k) => {
      const buffer = await (await fetch(`/bench/snapshot-${k}.bin`)).arrayBuffer();
      let offset = 0;
      const weights = config.layers.map((l) => {
        const w = new Float32Array(buffer, offset * 4, l.inDim * l.outDim);
        offset += w.length;
        return w;
      });
      return config.layers.map((l, i): DenseLayer => {
        const biases = new Float32Array(buffer, offset * 4, l.outDim);
        offset += l.outDim;
        return { name: l.name, activation: activationOf(l.activation), inDim: l.inDim, outDim: l.outDim, weights: weights[i]!, biases };
      });
    }),
  );
  const pixels = new Float32Array(await (await fetch('/bench/inputs.bin')).arrayBuffer());
  const inputs = Array.from({ length: config.inputs }, (_, i) => pixels.subarray(i * 784, (i + 1) * 784));
  return { config, snapshots, inputs };
}

function activationOf(name: string): Activation {
  const found = ACTIVATIONS.find((a) => a === name);
  if (!found) throw new Error(`unknown activation ${name}`);
  return found;
}

/** A canvas of the given CSS size in the page, for a renderer of its own. */
export function benchCanvas(width: number, height: number): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.style.cssText = `position:absolute;left:0;top:0;width:${width}px;height:${height}px`;
  document.body.append(canvas);
  return canvas;
}

/**
 * Ours: the display's own Stage (renderer settings, camera) and NetworkView
 * with every connection. The forward pass runs in the hub, not on the page,
 * so the values per digit are computed here once, outside any measurement.
 */
export function createOurs(data: BenchData, canvas: HTMLCanvasElement): Subject {
  const stage = new Stage(canvas);
  const view = new NetworkView(data.config.architecture);
  view.connect(stage.scene);
  stage.frame(view.layout);
  view.setWeights(data.snapshots[0]!.map((l) => l.weights));
  const values: NetworkValues[] = data.inputs.map((pixels) => {
    const result = forward(data.snapshots[0]!, pixels, data.config.normalization);
    return { input: pixels, hidden: result.activations.slice(0, -1), probabilities: result.probabilities };
  });
  return {
    connections: data.config.layers.reduce((n, l) => n + l.inDim * l.outDim, 0),
    renderer: stage.renderer,
    update: (i) => view.update(values[i % values.length]!),
    render: () => stage.renderer.render(stage.scene, stage.camera),
    useSnapshot: (k) => void view.setWeights(data.snapshots[k]!.map((l) => l.weights)),
    dispose: () => {
      view.dispose();
      stage.dispose();
    },
  };
}

/** The anchor's approach, with its default 24 strongest connections per neuron or with every connection. */
export function createAnchor(data: BenchData, canvas: HTMLCanvasElement, variant: Exclude<Variant, 'ours'>): Subject {
  const anchorLayers: AnchorLayer[][] = data.snapshots.map((layers) => layers.map((l) => anchorLayerOf(l.activation, l.weights, l.biases, l.inDim)));
  const model = new AnchorModel(data.config.normalization, anchorLayers[0]!);
  const limit = variant === 'anchor' ? undefined : Math.max(...data.config.layers.map((l) => l.inDim));
  const visualiser = new AnchorVisualiser(canvas, model, data.config.architecture, limit);
  return {
    connections: visualiser.connectionCount,
    renderer: visualiser.renderer,
    update: (i) => {
      visualiser.refresh(data.inputs[i % data.inputs.length]!);
      return 0;
    },
    render: () => visualiser.render(),
    forwardOnly: (i) => void model.propagate(data.inputs[i % data.inputs.length]!),
    useSnapshot: (k) => visualiser.setLayers(anchorLayers[k]!),
    dispose: () => visualiser.dispose(),
  };
}
