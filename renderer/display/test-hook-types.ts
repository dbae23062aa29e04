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
  /** The propagation wave: progress 0..1 (1 = at rest), its kind, and a pin to show every wave at `ms` after its start (null: live). */
  wave?: { progress(): number; kind(): string; freezeAt(ms: number | null): void };
  /** The emphasis exponent the connection shader uses now. */
  emphasis?: () => number;
}
