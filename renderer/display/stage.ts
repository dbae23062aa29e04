import { PerspectiveCamera, Scene, Vector3, WebGLRenderer } from 'three';
import type { NetworkLayout } from './network-layout.js';

/** The page background (display.css --bg). */
export const CLEAR_COLOR = 0x070a10;

/**
 * Renderer, scene and camera. Renders on demand, not in a loop: the picture
 * changes only when a frame arrives (and while its wave runs) or the window resizes, and an idle
 * kiosk should not spin a CPU (or SwiftShader in tests) at 60 Hz.
 */
export class Stage {
  readonly renderer: WebGLRenderer;
  readonly scene = new Scene();
  readonly camera = new PerspectiveCamera(32, 1, 0.1, 200);
  private readonly target = new Vector3();
  private framed: NetworkLayout | undefined;
  private pending = 0;
  private readonly resizeObserver: ResizeObserver;
  /** Frames drawn so far (tests wait on this). */
  renders = 0;
  /** Called before every render; returning true asks for another frame (an animation is running). */
  animate: (() => boolean) | undefined;
  /** WebGL runs on the CPU here (no GPU): MSAA is off. */
  readonly software: boolean;

  constructor(private readonly canvas: HTMLCanvasElement) {
    // Opaque, cleared to the page's colour: additive lines on a transparent
    // canvas would write alpha and punch dark holes in the page behind it.
    // Without a GPU (a VM kiosk, headless tests) MSAA triples the cost of
    // every frame on the CPU; there the lines go without it.
    this.software = isSoftwareRenderer();
    this.renderer = new WebGLRenderer({ canvas, antialias: !this.software, alpha: false, powerPreference: 'high-performance' });
    this.renderer.setPixelRatio(Math.min(window.devicePixelRatio || 1, 2));
    this.renderer.setClearColor(CLEAR_COLOR, 1);
    this.resizeObserver = new ResizeObserver(() => this.resize());
    this.resizeObserver.observe(canvas);
    this.resize();
  }

  /** Looks at the network from the front left and above, so layers read left to right and the input faces the viewer. */
  frame(layout: NetworkLayout): void {
    this.framed = layout;
    const { x, y, z } = layout.extent;
    const radius = Math.hypot(x + 0.6, y, z) + 0.4;
    const aspect = Math.max(this.camera.aspect, 0.5);
    const fit = radius / Math.sin(((this.camera.fov / 2) * Math.PI) / 180) / Math.min(1, aspect * 0.9);
    this.target.set(-0.3, 0, 0);
    const direction = new Vector3(-0.95, 0.32, 1).normalize();
    this.camera.position.copy(this.target).addScaledVector(direction, fit * 0.68);
    this.camera.lookAt(this.target);
    this.requestRender();
  }

  requestRender(): void {
    if (this.pending) return;
    this.pending = requestAnimationFrame(() => {
      this.pending = 0;
      this.renderNow();
    });
  }

  renderNow(): void {
    const more = this.animate?.() ?? false;
    this.renderer.render(this.scene, this.camera);
    this.renders++;
    if (more) this.requestRender();
  }

  private resize(): void {
    const width = Math.max(1, this.canvas.clientWidth);
    const height = Math.max(1, this.canvas.clientHeight);
    this.renderer.setSize(width, height, false);
    this.camera.aspect = width / height;
    this.camera.updateProjectionMatrix();
    if (this.framed) this.frame(this.framed);
    this.requestRender();
  }

  dispose(): void {
    cancelAnimationFrame(this.pending);
    this.resizeObserver.disconnect();
    this.renderer.dispose();
  }
}

/** True when WebGL runs on the CPU (SwiftShader, llvmpipe): asked of a throwaway context. */
function isSoftwareRenderer(): boolean {
  const gl = document.createElement('canvas').getContext('webgl2');
  if (!gl) return false;
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const name = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  return /swiftshader|llvmpipe|softpipe|software/i.test(name);
}
