import {
  AmbientLight,
  BoxGeometry,
  CanvasTexture,
  ClampToEdgeWrapping,
  Color,
  CylinderGeometry,
  DirectionalLight,
  DynamicDrawUsage,
  Group,
  HemisphereLight,
  InstancedBufferAttribute,
  InstancedMesh,
  LinearFilter,
  MeshBasicMaterial,
  MeshLambertMaterial,
  Object3D,
  PerspectiveCamera,
  PointLight,
  Quaternion,
  Scene,
  SphereGeometry,
  Sprite,
  SpriteMaterial,
  Vector3,
  WebGLRenderer,
  type BufferGeometry,
  type Material,
} from 'three';
import { OrbitControls } from 'three/addons/controls/OrbitControls.js';
import { anchorSoftmax, type AnchorLayer, type AnchorModel } from './anchor-model.js';

/**
 * The anchor visualiser's scene and per-input work, re-implemented in
 * TypeScript for the display benchmark (reference: DFin/Neural-Network-
 * Visualisation, assets/main.js, class NeuralVisualizer; its defaults below).
 * What is measured is its approach:
 * - per layer, each target neuron keeps its `maxConnectionsPerNeuron`
 *   strongest incoming weights (24 by default, about 4% of this network);
 * - each kept connection is one instance of an open 10-sided cylinder in an
 *   InstancedMesh per layer (Lambert-lit), with a per-instance colour;
 * - neurons are instanced boxes (input) and spheres (hidden, output) with
 *   per-instance colours, plus ten sprite labels and five lights;
 * - per input: the JS forward pass, then every node's and every kept
 *   connection's colour recomputed in JavaScript from activation x weight,
 *   written with setColorAt and flagged needsUpdate, so three re-uploads the
 *   whole colour buffers on the next render;
 * - a snapshot switch disposes and rebuilds the connection meshes (sorting
 *   every neuron's incoming weights again).
 * The probability bars, the sketch pad and neuron selection are left out, as
 * the display's own bars are left out of its figure.
 */
export const ANCHOR_DEFAULTS = {
  layerSpacing: 5.5,
  inputSpacing: 0.24,
  hiddenSpacing: 0.95,
  outputSpacing: 0.95,
  inputNodeSize: 0.18,
  hiddenNodeRadius: 0.22,
  maxConnectionsPerNeuron: 24,
  connectionRadius: 0.005,
  connectionWeightThreshold: 0,
  outputLabelOffset: 0.65,
  outputLabelScale: 0.48,
} as const;

interface LayerNodes {
  readonly mesh: InstancedMesh;
  readonly positions: Vector3[];
  readonly kind: 'input' | 'hidden' | 'output';
}

interface Connection {
  readonly sourceIndex: number;
  readonly targetIndex: number;
  readonly weight: number;
}

interface ConnectionGroup {
  readonly mesh: InstancedMesh;
  readonly connections: Connection[];
  readonly sourceLayer: number;
  readonly maxAbsWeight: number;
}

export class AnchorVisualiser {
  readonly renderer: WebGLRenderer;
  readonly scene = new Scene();
  readonly camera: PerspectiveCamera;
  private readonly controls: OrbitControls;
  private readonly nodes: LayerNodes[] = [];
  private groups: ConnectionGroup[] = [];
  private readonly labels = new Group();
  private readonly temp = new Object3D();
  private readonly color = new Color();

  constructor(
    canvas: HTMLCanvasElement,
    private readonly model: AnchorModel,
    private readonly architecture: readonly number[],
    private readonly maxConnectionsPerNeuron: number = ANCHOR_DEFAULTS.maxConnectionsPerNeuron,
  ) {
    this.renderer = new WebGLRenderer({ canvas, antialias: true, alpha: true });
    this.renderer.setPixelRatio(window.devicePixelRatio);
    this.renderer.setSize(canvas.clientWidth, canvas.clientHeight, false);
    this.camera = new PerspectiveCamera(45, canvas.clientWidth / canvas.clientHeight, 0.1, 200);
    this.camera.position.set(-15, 0, 15);
    this.controls = new OrbitControls(this.camera, canvas);
    this.controls.enableDamping = true;
    this.controls.dampingFactor = 0.08;
    this.scene.add(this.labels);
    this.scene.add(new AmbientLight(0xffffff, 1.2));
    const hemisphere = new HemisphereLight(0xffffff, 0x1a1d2e, 0.9);
    hemisphere.position.set(0, 20, 0);
    const key = new DirectionalLight(0xffffff, 1.4);
    key.position.set(18, 26, 24);
    key.castShadow = true;
    const fill = new DirectionalLight(0xa8c5ff, 0.8);
    fill.position.set(-20, 18, -18);
    const rim = new PointLight(0x88a4ff, 0.6, 60, 1.6);
    rim.position.set(0, 12, -24);
    this.scene.add(hemisphere, key, fill, rim);
    this.buildNodes();
    this.buildConnections();
  }

  /** Connections drawn. */
  get connectionCount(): number {
    return this.groups.reduce((n, g) => n + g.connections.length, 0);
  }

  /** One input, as the anchor's refreshNetworkState does it minus the bars: forward pass, softmax, colours. */
  refresh(pixels: Float32Array): void {
    const raw = Float32Array.from(pixels);
    const propagation = this.model.propagate(raw);
    const display = propagation.activations.slice();
    display[0] = raw;
    const logits = propagation.preActivations[propagation.preActivations.length - 1] ?? new Float32Array(0);
    const probabilities = Float32Array.from(anchorSoftmax(Array.from(logits)));
    display[display.length - 1] = probabilities;
    const network = propagation.activations.slice();
    network[network.length - 1] = probabilities;
    this.update(display, network);
  }

  /** A snapshot switch: new weights into the model, connection meshes rebuilt from them. */
  setLayers(layers: readonly AnchorLayer[]): void {
    this.model.setLayers(layers);
    this.disposeConnections();
    this.buildConnections();
  }

  render(): void {
    this.controls.update();
    this.renderer.render(this.scene, this.camera);
  }

  dispose(): void {
    this.disposeConnections();
    for (const layer of this.nodes) disposeMesh(layer.mesh);
    for (const label of this.labels.children as Sprite[]) {
      label.material.map?.dispose();
      label.material.dispose();
    }
    this.controls.dispose();
    this.renderer.dispose();
  }

  private update(display: Float32Array[], network: Float32Array[]): void {
    this.nodes.forEach((layer, l) => {
      const values = display[l];
      if (!values) return;
      this.colourNodes(layer, values, l === 0 ? 1 : maxAbs(values) || 1);
    });
    for (const group of this.groups) {
      const source = network[group.sourceLayer];
      if (source) this.colourConnections(group, source);
    }
  }

  private colourNodes(layer: LayerNodes, values: Float32Array, scale: number): void {
    const safe = scale > 1e-6 ? scale : 1;
    for (let i = 0; i < values.length; i++) {
      const v = layer.kind === 'input' ? clamp(values[i] as number, 0, 1) : clamp((values[i] as number) / safe, 0, 1);
      layer.mesh.setColorAt(i, this.color.setRGB(v, v, v));
    }
    layer.mesh.instanceColor!.needsUpdate = true;
  }

  private colourConnections(group: ConnectionGroup, source: Float32Array): void {
    const contributions = new Float32Array(group.connections.length);
    let max = 0;
    group.connections.forEach((c, k) => {
      const contribution = (source[c.sourceIndex] ?? 0) * c.weight;
      contributions[k] = contribution;
      if (Math.abs(contribution) > max) max = Math.abs(contribution);
    });
    const scale = max > 1e-6 ? max : group.maxAbsWeight || 1;
    group.connections.forEach((_c, k) => {
      const n = clamp((contributions[k] as number) / scale, -1, 1);
      const m = Math.abs(n);
      if (m < 1e-3) this.color.setRGB(0, 0, 0);
      else if (n >= 0) this.color.setRGB(0, m, 0);
      else this.color.setRGB(m, 0, 0);
      group.mesh.setColorAt(k, this.color);
    });
    group.mesh.instanceColor!.needsUpdate = true;
  }

  private buildNodes(): void {
    const box = new BoxGeometry(ANCHOR_DEFAULTS.inputNodeSize, ANCHOR_DEFAULTS.inputNodeSize, ANCHOR_DEFAULTS.inputNodeSize);
    const sphere = new SphereGeometry(ANCHOR_DEFAULTS.hiddenNodeRadius, 16, 16);
    const last = this.architecture.length - 1;
    const startX = -(last * ANCHOR_DEFAULTS.layerSpacing) / 2;
    this.architecture.forEach((count, l) => {
      const kind = l === 0 ? 'input' : l === last ? 'output' : 'hidden';
      const positions = layerPositions(kind, count, startX + l * ANCHOR_DEFAULTS.layerSpacing);
      let material: Material;
      if (kind === 'input') {
        const lambert = new MeshLambertMaterial();
        lambert.emissive.setRGB(0.08, 0.08, 0.08);
        material = lambert;
      } else {
        material = new MeshBasicMaterial({ toneMapped: false });
      }
      const mesh = new InstancedMesh(kind === 'input' ? box : sphere.clone(), material, count);
      mesh.instanceMatrix.setUsage(DynamicDrawUsage);
      mesh.instanceColor = new InstancedBufferAttribute(new Float32Array(count * 3), 3);
      mesh.instanceColor.setUsage(DynamicDrawUsage);
      positions.forEach((p, i) => {
        this.temp.position.copy(p);
        this.temp.updateMatrix();
        mesh.setMatrixAt(i, this.temp.matrix);
        mesh.setColorAt(i, this.color.setRGB(0.15, 0.15, 0.15));
      });
      this.scene.add(mesh);
      this.nodes.push({ mesh, positions, kind });
      if (kind === 'output') this.buildLabels(positions);
    });
    sphere.dispose();
  }

  private buildLabels(positions: Vector3[]): void {
    positions.forEach((p, digit) => {
      const canvas = document.createElement('canvas');
      canvas.width = canvas.height = 128;
      const ctx = canvas.getContext('2d')!;
      ctx.font = '900 79px sans-serif';
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillStyle = 'rgba(235, 245, 255, 0.95)';
      ctx.fillText(String(digit), 64, 64);
      const texture = new CanvasTexture(canvas);
      texture.generateMipmaps = false;
      texture.minFilter = LinearFilter;
      texture.wrapS = texture.wrapT = ClampToEdgeWrapping;
      const sprite = new Sprite(new SpriteMaterial({ map: texture, transparent: true, depthTest: false, depthWrite: false }));
      sprite.center.set(0, 0.5);
      sprite.position.copy(p);
      sprite.position.x += ANCHOR_DEFAULTS.outputLabelOffset;
      sprite.scale.setScalar(ANCHOR_DEFAULTS.outputLabelScale);
      this.labels.add(sprite);
    });
  }

  private buildConnections(): void {
    const radius = ANCHOR_DEFAULTS.connectionRadius;
    const cylinder = new CylinderGeometry(radius, radius, 1, 10, 1, true);
    const material = new MeshLambertMaterial();
    const up = new Vector3(0, 1, 0);
    this.model.layers.forEach((layer, l) => {
      const { selected, maxAbsWeight } = strongestConnections(layer, this.maxConnectionsPerNeuron);
      if (!selected.length) return;
      const mesh = new InstancedMesh(cylinder.clone(), material.clone(), selected.length);
      mesh.instanceMatrix.setUsage(DynamicDrawUsage);
      mesh.instanceColor = new InstancedBufferAttribute(new Float32Array(selected.length * 3), 3);
      mesh.instanceColor.setUsage(DynamicDrawUsage);
      const from = this.nodes[l]!.positions;
      const to = this.nodes[l + 1]!.positions;
      selected.forEach((c, k) => {
        const a = from[c.sourceIndex]!;
        const direction = to[c.targetIndex]!.clone().sub(a);
        const length = direction.length();
        this.temp.position.copy(a).addScaledVector(direction, 0.5);
        this.temp.quaternion.copy(new Quaternion().setFromUnitVectors(up, direction.normalize()));
        this.temp.scale.set(1, length, 1);
        this.temp.updateMatrix();
        mesh.setMatrixAt(k, this.temp.matrix);
        mesh.setColorAt(k, this.color.setRGB(1, 1, 1));
      });
      this.scene.add(mesh);
      this.groups.push({ mesh, connections: selected, sourceLayer: l, maxAbsWeight });
    });
    cylinder.dispose();
    material.dispose();
  }

  private disposeConnections(): void {
    for (const group of this.groups) {
      this.scene.remove(group.mesh);
      disposeMesh(group.mesh);
    }
    this.groups = [];
  }
}

/** Per target neuron, its `limit` incoming weights of largest magnitude (all of them sorted, then cut). */
function strongestConnections(layer: AnchorLayer, limit: number): { selected: Connection[]; maxAbsWeight: number } {
  const selected: Connection[] = [];
  let maxAbsWeight = 0;
  layer.rows.forEach((row, targetIndex) => {
    const candidates: Array<Connection & { magnitude: number }> = [];
    row.forEach((weight, sourceIndex) => {
      if (!Number.isFinite(weight)) return;
      const magnitude = Math.abs(weight);
      candidates.push({ sourceIndex, targetIndex, weight, magnitude });
      if (magnitude > maxAbsWeight) maxAbsWeight = magnitude;
    });
    candidates.sort((a, b) => b.magnitude - a.magnitude);
    for (const c of candidates.slice(0, limit)) {
      if (c.magnitude < ANCHOR_DEFAULTS.connectionWeightThreshold) break;
      selected.push({ sourceIndex: c.sourceIndex, targetIndex: c.targetIndex, weight: c.weight });
    }
  });
  return { selected, maxAbsWeight };
}

/** The anchor's layout: a 28 x 28 input square, hidden layers as square grids, the output as a column; layers along x. */
function layerPositions(kind: 'input' | 'hidden' | 'output', count: number, x: number): Vector3[] {
  const positions: Vector3[] = [];
  if (kind === 'output') {
    const s = ANCHOR_DEFAULTS.outputSpacing;
    for (let i = 0; i < count; i++) positions.push(new Vector3(x, ((count - 1) * s) / 2 - i * s, 0));
    return positions;
  }
  const s = kind === 'input' ? ANCHOR_DEFAULTS.inputSpacing : ANCHOR_DEFAULTS.hiddenSpacing;
  const cols = kind === 'input' && count === 784 ? 28 : Math.max(1, Math.ceil(Math.sqrt(count)));
  const rows = Math.ceil(count / cols);
  for (let i = 0; i < count; i++) {
    const row = Math.floor(i / cols);
    const col = i % cols;
    positions.push(new Vector3(x, ((rows - 1) * s) / 2 - row * s, -((cols - 1) * s) / 2 + col * s));
  }
  return positions;
}

function disposeMesh(mesh: InstancedMesh): void {
  (mesh.geometry as BufferGeometry).dispose();
  (mesh.material as Material).dispose();
  mesh.dispose();
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

function maxAbs(values: Float32Array): number {
  let max = 0;
  for (let i = 0; i < values.length; i++) if (Math.abs(values[i] as number) > max) max = Math.abs(values[i] as number);
  return max;
}
