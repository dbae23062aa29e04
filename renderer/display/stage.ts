import { type Material, type Object3D, PerspectiveCamera, Scene, type Texture, Vector3, WebGLRenderer } from 'three';
import { CameraRig, cameraOptionsFrom } from './camera-rig.js';
import type { NetworkLayout } from './network-layout.js';

/** The page background (display.css --bg). */
export const CLEAR_COLOR = 0x070a10;

/**
 * Renderer, scene and camera. Renders on demand, not in a loop: the picture
 * changes only when a frame arrives (and while its wave runs), the window
 * resizes or the camera moves (a visitor's hand, the slow swing, the glide
 * home), and an idle kiosk should not spin a CPU (or SwiftShader in tests)
 * at 60 Hz.
 */
export class Stage {
  readonly renderer: WebGLRenderer;
  readonly scene = new Scene();
  readonly camera = new PerspectiveCamera(32, 1, 0.1, 200);
  readonly rig: CameraRig;
  private framed: NetworkLayout | undefined;
  private pending = 0;
  private wake: ReturnType<typeof setTimeout> | undefined;
  private readonly resizeObserver: ResizeObserver;
  private readonly restoredListeners: (() => void)[] = [];
  /** Frames drawn so far (tests wait on this). */
  renders = 0;
  /** Called before every render; returning true asks for another frame (an animation is running). */
  animate: (() => boolean) | undefined;
  /** WebGL runs on the CPU here (no GPU): MSAA is off. */
  readonly software: boolean;
  /** The GPU took the context away (driver reset, GPU process crash); three rebuilds on restore. */
  contextLost = false;
  /** Times the context came back (tests wait on this). */
  restores = 0;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    search = location.search,
  ) {
    // Opaque, cleared to the page's colour: additive lines on a transparent
    // canvas would write alpha and punch dark holes in the page behind it.
    // Without a GPU (a VM kiosk, headless tests) MSAA triples the cost of
    // every frame on the CPU; there the lines go without it.
    this.software = isSoftwareRenderer();
    this.renderer = new WebGLRenderer({ canvas, antialias: !this.software, alpha: false, powerPreference: 'high-performance' });
    this.renderer.setPixelRatio(Math.min(window.devicePixelRatio || 1, 2));
    this.renderer.setClearColor(CLEAR_COLOR, 1);
    this.rig = new CameraRig(this.camera, canvas, cameraOptionsFrom(search, this.software), () => this.requestRender());
    canvas.addEventListener('webglcontextlost', this.onContextLost);
    canvas.addEventListener('webglcontextrestored', this.onContextRestored);
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
    const target = new Vector3(-0.3, 0, 0);
    const direction = new Vector3(-0.95, 0.32, 1).normalize();
    this.rig.setHome(target, target.clone().addScaledVector(direction, fit * 0.68));
    this.requestRender();
  }

  /** Called after the context came back and three rebuilt its state: re-mark CPU-side data for upload. */
  onRestored(listener: () => void): void {
    this.restoredListeners.push(listener);
  }

  requestRender(): void {
    if (this.pending) return;
    this.pending = requestAnimationFrame((now) => {
      this.pending = 0;
      if (this.contextLost) return;
      const next = this.rig.tick(now);
      this.renderNow();
      clearTimeout(this.wake);
      if (next === 0) this.requestRender();
      else if (Number.isFinite(next)) this.wake = setTimeout(() => this.requestRender(), next);
    });
  }

  renderNow(): void {
    if (this.contextLost) return;
    const more = this.animate?.() ?? false;
    this.renderer.render(this.scene, this.camera);
    this.renders++;
    if (more) this.requestRender();
  }

  private readonly onContextLost = (event: Event): void => {
    // Without preventDefault the browser never offers the context back.
    event.preventDefault();
    this.contextLost = true;
    cancelAnimationFrame(this.pending);
    this.pending = 0;
    clearTimeout(this.wake);
    document.body.classList.add('webgl-lost');
  };

  private readonly onContextRestored = (): void => {
    // three's own listener (registered first) has rebuilt programs and state;
    // textures and buffers upload again on their next use from the CPU copies.
    this.contextLost = false;
    this.restores++;
    // three rebuilt its background with default settings: the clear colour is ours to set again.
    this.renderer.setClearColor(CLEAR_COLOR, 1);
    markTexturesForUpload(this.scene);
    document.body.classList.remove('webgl-lost');
    for (const listener of this.restoredListeners) listener();
    this.resize();
  };

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
    clearTimeout(this.wake);
    this.resizeObserver.disconnect();
    this.canvas.removeEventListener('webglcontextlost', this.onContextLost);
    this.canvas.removeEventListener('webglcontextrestored', this.onContextRestored);
    this.rig.dispose();
    this.renderer.dispose();
  }
}

/**
 * Every texture the scene's materials use goes up again from its CPU copy
 * (the weight and activation data textures, label canvases). three would
 * re-upload most of them lazily; saying so explicitly does not depend on it.
 */
function markTexturesForUpload(scene: Scene): void {
  scene.traverse((object: Object3D) => {
    const material = (object as Object3D & { material?: Material | Material[] }).material;
    for (const m of Array.isArray(material) ? material : material ? [material] : []) {
      const uniforms = (m as Material & { uniforms?: Record<string, { value: unknown }> }).uniforms ?? {};
      const candidates = [(m as Material & { map?: Texture | null }).map, ...Object.values(uniforms).map((u) => u.value)];
      for (const t of candidates) if (t && (t as Texture).isTexture) (t as Texture).needsUpdate = true;
    }
  });
}

/** True when WebGL runs on the CPU (SwiftShader, llvmpipe): asked of a throwaway context. */
function isSoftwareRenderer(): boolean {
  const gl = document.createElement('canvas').getContext('webgl2');
  if (!gl) return false;
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const name = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  return /swiftshader|llvmpipe|softpipe|software/i.test(name);
}
