import type { Welcome } from '../../app/contract/display-messages.js';
import type { ExhibitSettings } from '../../app/contract/exhibit-settings.js';
import type { Frame } from '../../app/contract/frame.js';
import type { TimelineFrame } from '../../app/contract/timeline-frame.js';

/** Connection state shown to visitors (status-banner.ts) and to tests. */
export type HubStatus = 'connecting' | 'connected' | 'reconnecting' | 'refused';

/**
 * The shape of window.__kiosk (test-hook.ts). Kept free of DOM and three.js
 * types so Node-side e2e tests can import it.
 */
export interface KioskTestHook extends KioskTestHookViews {
  status: HubStatus;
  welcome: Welcome | undefined;
  frames: number;
  lastFrame: Frame | undefined;
  /** Snapshot whose weights are on the GPU. */
  weightsSnapshot: string | undefined;
  connections: number;
  uploads: { weightsBytes: number; lastUpdateBytes: number };
  renders(): number;
  /** renderer.info: GPU resources alive and the last draw's counts; software: WebGL on the CPU. */
  info(): { geometries: number; textures: number; calls: number; lines: number; triangles: number; software: boolean };
  /** Renders now and counts pixels that differ from the background: proof something was drawn. */
  litPixels(): { lit: number; total: number };
  /** Pixels brighter than mid-grey in "what the network sees". */
  previewLitPixels(): number;
  /** The propagation wave: progress 0..1 (1 = at rest), its kind, and a pin to show every wave at `ms` after its start (null: live). */
  wave?: { progress(): number; kind(): string; freezeAt(ms: number | null): void };
  /** The emphasis exponent the connection shader uses now. */
  emphasis?: () => number;
  /** Live training (live-training-mode.ts). */
  live?: LiveHookState;
  /** The training timeline (timeline-mode.ts); absent until the page made it. */
  timeline?: TimelineHookState;
}

export interface LiveHookState {
  /** The hub's last word on the run ('idle' before any). */
  state: 'idle' | 'starting' | 'running' | 'completed' | 'stopped' | 'failed';
  /** Live weights version on the GPU. */
  version: number;
  /** Live weight sets uploaded to the GPU, and the bytes of the last one. */
  uploads: number;
  uploadBytes: number;
  /** The progress lines visitors read ('' when the panel is closed). */
  text(): string;
}

export interface TimelineHookState {
  open: boolean;
  /** Scrubber position in [0, snapshots - 1]; fractional between two snapshots. */
  position: number;
  /** Snapshot ids mixed now: (1 - mix) * pair[0] + mix * pair[1]. */
  pair: [string, string];
  mix: number;
  /** Snapshots whose weights sit on the GPU (one array-texture layer each), and their bytes (uploaded once). */
  snapshotsOnGpu: number;
  weightsBytes: number;
  /** Milliseconds from opening to every snapshot's weights ready for the GPU (fetch + float16 packing). */
  loadMs: number;
  /** Bytes the last scrub step sent to the GPU: the activation texture plus the mix uniforms. */
  scrubUploadBytes: number;
  scrubSteps: number;
  /** Timeline frames received while open. */
  frames: number;
  /** seq of the live frame whose timeline answers are shown. */
  shownSeq: number;
  /** The last timeline frame shown: every snapshot's answer to the drawing. */
  lastFrame: TimelineFrame | undefined;
}

/** The neuron the inspector shows (layer 0 is the input; index within the layer). */
export interface InspectedNeuron {
  layer: number;
  index: number;
  kind: 'input' | 'hidden' | 'output';
  /** Recomputed from the snapshot's weights and the frame's inputs (NaN while the weights are on their way). */
  value: number;
  /** What the frame itself says for this neuron. */
  frameValue: number | undefined;
  formula: string;
  /** The formula's "= x" as written. */
  result: string;
  /** Grid of the incoming-weights picture (28x28 for the first hidden layer). */
  weightImage: { columns: number; rows: number } | undefined;
  /** Inputs summed (784 for the first hidden layer). */
  terms: number;
}

/** Camera angles in radians around the network's centre. */
export interface CameraState {
  azimuth: number;
  polar: number;
  distance: number;
  home: { azimuth: number; polar: number; distance: number } | undefined;
  limits: { azimuth: [number, number]; polar: [number, number]; distance: [number, number] };
  mode: 'home' | 'held' | 'fixed';
  autoOrbit: boolean;
  idleMs: number;
  /** An attract-mode flight holds the camera away from home. */
  flying: boolean;
}

/** The inspector, the camera and the WebGL context, for tests (added to window.__kiosk). */
export interface KioskTestHookViews {
  inspected: InspectedNeuron | undefined;
  /** Where a neuron appears on the page, CSS px. */
  neuronPosition(layer: number, index: number): { x: number; y: number } | undefined;
  camera(): CameraState | undefined;
  /** Puts the camera at a pose (default home) and keeps it there (no swing, no glide home) until releaseCamera(): for screenshots. */
  fixCamera(pose?: { azimuth?: number; polar?: number; distance?: number }): void;
  /** Lets the camera drift and glide home again. */
  releaseCamera(): void;
  /** WEBGL_lose_context, as a GPU reset would. */
  loseContext(): boolean;
  restoreContext(): void;
  context(): { lost: boolean; restores: number };
  /** Attract mode (renderer/display/attract): state and a few controls for tests. */
  attract?: AttractHook;
  /** The language the display speaks now. */
  language?: 'en' | 'de';
  /** Uncaught errors and rejections the page reported. */
  pageErrors?: () => number;
  /** The exhibit's settings as the hub last sent them, and the closed veil (closed-mode.ts). */
  exhibit?: ExhibitHook;
}

export interface ExhibitHook {
  settings(): ExhibitSettings | undefined;
  closed(): boolean;
  dimmed(): boolean;
}

export interface AttractHook {
  state(): 'live' | 'attract';
  scene(): { name: string; index: number; loop: number } | null;
  starts(): number;
  stops(): number;
  /** Drawings attract mode sent through the pipeline. */
  inkSent(): number;
  /** How long there had been no input when attract mode last started by itself (0 when started by start()). */
  quietMsAtStart(): number;
  /** Starts attract mode now, without waiting for the idle timeout. */
  start(): void;
  /** Holds the loop at this many ms since its start (undefined: run on). */
  freeze(elapsedMs: number | undefined): void;
  /** Resolves once the MNIST digits are loaded. */
  ready(): Promise<void>;
  /** The idle timeout in force (the exhibit's setting, or ?idle=). */
  idleMs(): number;
  /** Paused outside the opening hours, and how often the idle timer held back since. */
  paused(): boolean;
  pausedSkips(): number;
  /** The scenes a start would play. */
  sceneList(): string[];
}
