import type { Welcome } from '../../app/contract/display-messages.js';
import type { Frame } from '../../app/contract/frame.js';
import type { HubStatus } from './hub-client.js';
import { CLEAR_COLOR, type Stage } from './stage.js';

/**
 * A small read-only window into the page for e2e tests and benchmarks
 * (window.__kiosk). It exposes state the page has anyway; nothing in it
 * changes what visitors see.
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
  /** renderer.info: GPU resources alive and the last draw's counts. */
  info(): { geometries: number; textures: number; calls: number; lines: number; triangles: number };
  /** Renders now and counts pixels that differ from the background: proof something was drawn. */
  litPixels(): { lit: number; total: number };
}

declare global {
  interface Window {
    __kiosk?: KioskTestHook;
  }
}

export function installTestHook(stage: Stage): KioskTestHook {
  const hook: KioskTestHook = {
    status: 'connecting',
    welcome: undefined,
    frames: 0,
    lastFrame: undefined,
    weightsSnapshot: undefined,
    connections: 0,
    uploads: { weightsBytes: 0, lastUpdateBytes: 0 },
    renders: () => stage.renders,
    info: () => {
      const { memory, render } = stage.renderer.info;
      return { geometries: memory.geometries, textures: memory.textures, calls: render.calls, lines: render.lines, triangles: render.triangles };
    },
    litPixels: () => {
      stage.renderNow();
      // Read in the same task as the draw: the drawing buffer is not preserved after it.
      const gl = stage.renderer.getContext();
      const width = gl.drawingBufferWidth;
      const height = gl.drawingBufferHeight;
      const pixels = new Uint8Array(width * height * 4);
      gl.readPixels(0, 0, width, height, gl.RGBA, gl.UNSIGNED_BYTE, pixels);
      const bg = [(CLEAR_COLOR >> 16) & 255, (CLEAR_COLOR >> 8) & 255, CLEAR_COLOR & 255];
      let lit = 0;
      for (let i = 0; i < pixels.length; i += 4) {
        const d = Math.abs((pixels[i] as number) - bg[0]!) + Math.abs((pixels[i + 1] as number) - bg[1]!) + Math.abs((pixels[i + 2] as number) - bg[2]!);
        if (d > 24) lit++;
      }
      return { lit, total: width * height };
    },
  };
  window.__kiosk = hook;
  return hook;
}
