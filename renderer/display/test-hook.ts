import { CLEAR_COLOR, type Stage } from './stage.js';
import type { KioskTestHook } from './test-hook-types.js';

/**
 * A small read-only window into the page for e2e tests and benchmarks
 * (window.__kiosk). It exposes state the page has anyway; nothing in it
 * changes what visitors see.
 */
declare global {
  interface Window {
    __kiosk?: KioskTestHook;
  }
}

/** `stage` is undefined when the page runs without WebGL (the hook then reports nothing drawn). */
export function installTestHook(stage: Stage | undefined, preview: HTMLCanvasElement): KioskTestHook {
  // Kept from the loss: on a lost context getExtension answers null.
  let loseContext: WEBGL_lose_context | undefined;
  const hook: KioskTestHook = {
    status: 'connecting',
    welcome: undefined,
    frames: 0,
    lastFrame: undefined,
    weightsSnapshot: undefined,
    connections: 0,
    uploads: { weightsBytes: 0, lastUpdateBytes: 0 },
    renders: () => stage?.renders ?? 0,
    info: () => {
      if (!stage) return { geometries: 0, textures: 0, calls: 0, lines: 0, triangles: 0, software: false };
      const { memory, render } = stage.renderer.info;
      return { geometries: memory.geometries, textures: memory.textures, calls: render.calls, lines: render.lines, triangles: render.triangles, software: stage.software };
    },
    litPixels: () => {
      if (!stage) return { lit: 0, total: 0 };
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
    inspected: undefined,
    neuronPosition: () => undefined,
    camera: () => {
      if (!stage) return undefined;
      const { rig } = stage;
      return { ...rig.pose(), home: rig.homePose(), limits: rig.limits(), mode: rig.mode(), autoOrbit: rig.autoOrbit, idleMs: rig.idleMs, flying: rig.flying };
    },
    fixCamera: (pose) => {
      stage?.rig.fix(pose);
      stage?.requestRender();
    },
    releaseCamera: () => {
      stage?.rig.release();
      stage?.requestRender();
    },
    loseContext: () => {
      loseContext ??= stage?.renderer.getContext().getExtension('WEBGL_lose_context') ?? undefined;
      loseContext?.loseContext();
      return Boolean(loseContext);
    },
    restoreContext: () => loseContext?.restoreContext(),
    context: () => ({ lost: stage?.contextLost ?? false, restores: stage?.restores ?? 0 }),
    previewLitPixels: () => {
      const px = (preview.getContext('2d') as CanvasRenderingContext2D).getImageData(0, 0, preview.width, preview.height).data;
      let lit = 0;
      for (let i = 0; i < px.length; i += 4) if ((px[i] as number) > 128) lit++;
      return lit;
    },
  };
  window.__kiosk = hook;
  return hook;
}
