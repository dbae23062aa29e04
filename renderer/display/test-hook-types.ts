import type { Welcome } from '../../app/contract/display-messages.js';
import type { Frame } from '../../app/contract/frame.js';

/** Connection state shown to visitors (status-banner.ts) and to tests. */
export type HubStatus = 'connecting' | 'connected' | 'reconnecting' | 'refused';

/**
 * The shape of window.__kiosk (test-hook.ts). Kept free of DOM and three.js
 * types so Node-side e2e tests can import it.
 */
export interface KioskTestHook {
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
  /** Attract mode (renderer/display/attract): state and a few controls for tests. */
  attract?: AttractHook;
  /** The language the display speaks now. */
  language?: 'en' | 'de';
  /** Uncaught errors and rejections the page reported. */
  pageErrors?: () => number;
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
}
