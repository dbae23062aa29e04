import { CanvasTexture, Sprite, SpriteMaterial } from 'three';
import type { Frame } from '../../app/contract/frame.js';
import type { NetworkSpecInfo } from '../../app/contract/model-info.js';
import { formatNumber, formulaParts } from '../../app/inspect/formula-text.js';
import { neuronTerms, strongestTerms, type Term } from '../../app/inspect/neuron-terms.js';
import { normalize } from '../../app/model/forward.js';
import { translate, type Language } from '../shared/i18n.js';
import { InspectorPanel, type PanelContent } from './inspector-panel.js';
import type { NetworkLayout } from './network-layout.js';
import { NodePicker } from './node-picker.js';
import type { Stage } from './stage.js';
import type { InspectedNeuron } from './test-hook-types.js';
import type { SnapshotParameters } from './weights-fetch.js';

/** A tap: the pointer went down and up close by, soon. A drag is the camera's. */
const TAP_SLOP_PX = 10;
const TAP_MS = 700;
/** How far from a node a tap still means it: a child's fingertip, a mouse's point. */
const RADIUS = { touch: 36, pen: 24, mouse: 20 } as const;
const TERMS_LISTED = 3;
const TERMS_IN_FORMULA = 3;

/**
 * Tap a neuron, see what it does: its incoming weights as a picture, what
 * each input adds right now, its activation and its sum with the real
 * numbers (app/inspect). Computed on the CPU from the snapshot's weights
 * and the frame's activations, once per tap or frame, for one neuron: a few
 * hundred multiplications, nothing per frame on the GPU side.
 * Closes with its button, a tap on empty space, or when nobody touched the
 * exhibit for idleMs.
 */
export class NeuronInspector {
  private readonly panel: InspectorPanel;
  private layout: NetworkLayout | undefined;
  private network: NetworkSpecInfo | undefined;
  private picker: NodePicker | undefined;
  private parameters: { snapshotId: string; values: SnapshotParameters } | undefined;
  private frame: Frame | undefined;
  private language: Language = 'en';
  private selected: { layer: number; index: number } | undefined;
  private down: { id: number; x: number; y: number; t: number } | undefined;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly marker: Sprite;
  /** What the panel shows now, for window.__kiosk. */
  state: InspectedNeuron | undefined;

  constructor(
    private readonly stage: Stage,
    root: HTMLElement,
    private readonly padArea: HTMLElement,
    private readonly idleMs: number,
    private readonly onChange: (state: InspectedNeuron | undefined) => void = () => undefined,
  ) {
    this.panel = new InspectorPanel(root, () => this.close());
    this.panel.setLanguage(this.language);
    this.marker = createMarker();
    const canvas = stage.renderer.domElement;
    canvas.addEventListener('pointerdown', (e) => {
      this.down = { id: e.pointerId, x: e.clientX, y: e.clientY, t: performance.now() };
    });
    canvas.addEventListener('pointerup', (e) => {
      const d = this.down;
      this.down = undefined;
      if (!d || d.id !== e.pointerId || Math.hypot(e.clientX - d.x, e.clientY - d.y) > TAP_SLOP_PX || performance.now() - d.t > TAP_MS) return;
      this.tap(e.clientX, e.clientY, RADIUS[e.pointerType as keyof typeof RADIUS] ?? RADIUS.touch);
    });
    // Tapping anything else (the title, the bars) closes it; the pad does not: drawing while inspecting updates the panel live.
    document.addEventListener(
      'pointerdown',
      (e) => {
        this.touched();
        const target = e.target as Node;
        if (!this.selected || root.contains(target) || canvas.contains(target) || padArea.contains(target)) return;
        this.close();
      },
      true,
    );
  }

  /** A new architecture: a new picker; the selection would point at another neuron, so it closes. */
  setNetwork(layout: NetworkLayout, network: NetworkSpecInfo): void {
    this.close();
    this.layout = layout;
    this.network = network;
    this.picker = new NodePicker(layout, this.stage.camera, this.stage.renderer.domElement);
  }

  setParameters(snapshotId: string, values: SnapshotParameters): void {
    this.parameters = { snapshotId, values };
    this.refresh();
  }

  setFrame(frame: Frame): void {
    this.frame = frame;
    if (!frame.empty && !frame.pen) this.touched();
    this.refresh();
  }

  setLanguage(language: Language): void {
    this.language = language;
    this.panel.setLanguage(language);
    this.refresh();
  }

  /** Selects a neuron by layer (0 = input) and index, as a tap on it would. */
  select(layer: number, index: number): void {
    const l = this.layout?.layers[layer];
    if (!l || index < 0 || index >= l.size) return;
    this.selected = { layer, index };
    this.placeMarker(l.offset + index, l.kind === 'input' ? l.spacing * 2.2 : l.spacing * 2.4);
    this.touched();
    this.refresh();
  }

  close(): void {
    clearTimeout(this.idleTimer);
    if (!this.selected) return;
    this.selected = undefined;
    this.marker.removeFromParent();
    this.panel.hide();
    this.state = undefined;
    this.onChange(undefined);
    this.stage.requestRender();
  }

  /** Where a neuron appears on the page (tests tap there). */
  screenPosition(layer: number, index: number): { x: number; y: number } | undefined {
    const l = this.layout?.layers[layer];
    return l && this.picker ? this.picker.screenPosition(l.offset + index) : undefined;
  }

  private tap(x: number, y: number, radius: number): void {
    const node = this.picker?.pick(x, y, radius) ?? -1;
    const layers = this.layout?.layers ?? [];
    const layer = layers.findIndex((l) => node >= l.offset && node < l.offset + l.size);
    if (node < 0 || layer < 0) return this.close();
    this.select(layer, node - (layers[layer]?.offset ?? 0));
  }

  private touched(): void {
    clearTimeout(this.idleTimer);
    if (this.selected) this.idleTimer = setTimeout(() => this.close(), this.idleMs);
  }

  private placeMarker(node: number, size: number): void {
    const p = this.layout!.positions;
    this.marker.position.set(p[node * 3] as number, p[node * 3 + 1] as number, p[node * 3 + 2] as number);
    this.marker.scale.setScalar(size);
    if (!this.marker.parent) this.stage.scene.add(this.marker);
    this.stage.requestRender();
  }

  private refresh(): void {
    if (!this.selected || !this.layout || !this.network) return;
    const { content, state } = this.compute(this.selected.layer, this.selected.index);
    this.panel.show(content);
    this.state = state;
    this.onChange(state);
  }

  private compute(layer: number, index: number): { content: PanelContent; state: InspectedNeuron } {
    const layout = this.layout!;
    const network = this.network!;
    const lang = this.language;
    const decimal = lang === 'de' ? ',' : '.';
    const num = (x: number, digits = 2): string => formatNumber(x, digits, decimal);
    const signed = (x: number): string => (x > 0 ? `+${num(x)}` : num(x));
    const l = layout.layers[layer]!;
    const frame = this.frame;
    const input = layout.layers[0]!;
    const gridOf = (k: number) => ({ columns: layout.layers[k]!.columns, rows: layout.layers[k]!.rows });

    if (l.kind === 'input') {
      const value = frame?.input[index] ?? 0;
      const marked: Term = { index, weight: 0, input: value, product: 0 };
      return {
        content: {
          title: translate(lang, 'inspectorPixel', { row: Math.floor(index / l.columns) + 1, column: (index % l.columns) + 1 }),
          valueLabel: 'inspectorValue',
          value: num(value),
          note: translate(lang, 'inspectorPixelNote', { count: l.size }),
          now: { grid: gridOf(0), values: frame?.input ?? [], mode: 'grey', positive: [marked], negative: [] },
          up: [],
          down: [],
          formula: '',
        },
        state: { layer, index, kind: 'input', value, frameValue: value, formula: '', result: num(value), weightImage: undefined, terms: 0 },
      };
    }

    const spec = network.layers[layer - 1]!;
    const params = this.parameters;
    const title =
      l.kind === 'output'
        ? translate(lang, 'inspectorOutput', { digit: index })
        : translate(lang, 'inspectorHidden', { number: index + 1, count: l.size, layer });
    const weightRow = params?.values.weights[layer - 1]?.subarray(index * spec.inDim, (index + 1) * spec.inDim);
    // Numbers only when the weights on hand are the ones this frame was computed with (a timeline switch may be on its way).
    const current = params && frame && frame.snapshotId === params.snapshotId && weightRow;
    const weights = weightRow ? { grid: gridOf(layer - 1), values: weightRow } : undefined;
    if (!current) {
      return {
        content: { title, valueLabel: 'inspectorValue', value: '…', note: '', weights, up: [], down: [], formula: '' },
        state: { layer, index, kind: l.kind, value: Number.NaN, frameValue: undefined, formula: '', result: '', weightImage: weights?.grid, terms: 0 },
      };
    }
    const inputs = layer === 1 ? normalize(Float32Array.from(frame.input), network.normalization) : (frame.activations[layer - 2] ?? []);
    const terms = neuronTerms(params.values.weights[layer - 1]!, spec.inDim, params.values.biases[layer - 1]![index] ?? 0, index, inputs, spec.activation);
    const strongest = strongestTerms(terms, TERMS_LISTED);
    const nameOf = (t: Term): string =>
      layer === 1 && input.kind === 'input'
        ? translate(lang, 'inspectorPixelName', { row: Math.floor(t.index / input.columns) + 1, column: (t.index % input.columns) + 1 })
        : translate(lang, 'inspectorNeuronName', { number: t.index + 1 });
    const formula = formulaParts(terms, { shown: TERMS_IN_FORMULA, digits: 2, decimal, more: (count) => translate(lang, 'inspectorMore', { count }) });
    const products = new Float32Array(spec.inDim);
    for (const t of terms.ranked) products[t.index] = t.product;
    const probability = l.kind === 'output' ? frame.probabilities[index] : undefined;
    return {
      content: {
        title,
        valueLabel: l.kind === 'output' && spec.activation === 'linear' ? 'inspectorScore' : 'inspectorValue',
        value: formula.result,
        note: probability === undefined ? '' : translate(lang, 'inspectorProbability', { percent: Math.round(probability * 100) }),
        weights,
        now: { grid: gridOf(layer - 1), values: products, mode: 'diverging', ...strongest },
        up: strongest.positive.map((t) => ({ name: nameOf(t), value: signed(t.product) })),
        down: strongest.negative.map((t) => ({ name: nameOf(t), value: signed(t.product) })),
        formula: formula.text,
      },
      state: {
        layer,
        index,
        kind: l.kind,
        value: terms.value,
        frameValue: frame.activations[layer - 1]?.[index],
        formula: formula.text,
        result: formula.result,
        weightImage: weights?.grid,
        terms: terms.ranked.length,
      },
    };
  }

  dispose(): void {
    this.close();
    this.marker.material.map?.dispose();
    this.marker.material.dispose();
  }
}

/** A soft ring around the chosen neuron, so visitors see which one the card talks about. */
function createMarker(): Sprite {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 128;
  const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
  ctx.strokeStyle = 'rgba(255, 241, 214, 0.95)';
  ctx.lineWidth = 7;
  ctx.shadowColor = 'rgba(255, 180, 92, 0.9)';
  ctx.shadowBlur = 12;
  ctx.beginPath();
  ctx.arc(64, 64, 46, 0, Math.PI * 2);
  ctx.stroke();
  const sprite = new Sprite(new SpriteMaterial({ map: new CanvasTexture(canvas), transparent: true, depthTest: false, depthWrite: false }));
  sprite.renderOrder = 3;
  sprite.name = 'inspector-marker';
  return sprite;
}
