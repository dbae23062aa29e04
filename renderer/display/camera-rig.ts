import { type PerspectiveCamera, Spherical, Vector3 } from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';

/** Where the camera is, around the network's centre: angles in radians (three's Spherical: azimuth theta about y, polar phi from +y). */
export interface CameraPose {
  readonly azimuth: number;
  readonly polar: number;
  readonly distance: number;
}

export interface CameraRigOptions {
  /** Time without touch, mouse or wheel after which the camera glides home (default 20 s). */
  readonly idleMs: number;
  /** The slow yaw swing at home; off where every frame is drawn on the CPU. */
  readonly autoOrbit: boolean;
}

const DEG = Math.PI / 180;
/**
 * How far visitors may turn and tilt from home: far enough to see depth,
 * never the layers edge-on. Asymmetric because home looks at the layers'
 * planes at about 45°: towards the input's face there is room (35°),
 * towards the side view (azimuth 0, every plane a line) only 15°; looking up
 * from below reads worse than looking down from above.
 */
export const AZIMUTH_RANGE = { front: 35 * DEG, side: 15 * DEG } as const;
export const POLAR_RANGE = { above: 20 * DEG, below: 10 * DEG } as const;
export const ZOOM_RANGE = { near: 0.6, far: 1.5 } as const;
/** The automatic orbit: a slow swing either side of home, not a spin. */
export const SWING = { amplitude: 10 * DEG, periodMs: 60_000 } as const;
/** Time constant of the glide home. */
const GLIDE_MS = 700;

/** An attract-mode flight: from where the camera is to a pose around another look-at point, eased over `ms`. */
interface Flight {
  readonly from: CameraPose;
  readonly fromTarget: Vector3;
  readonly to: CameraPose;
  readonly toTarget: Vector3;
  readonly start: number;
  readonly ms: number;
  /** A flight home ends in the ordinary resting state; any other holds its view until the next flight. */
  readonly home: boolean;
}

/** ?cameraIdle=ms and ?orbit=on|off override the defaults (tests, and an operator's choice of a still view). */
export function cameraOptionsFrom(search: string, software: boolean): CameraRigOptions {
  const params = new URLSearchParams(search);
  const idle = Number(params.get('cameraIdle'));
  const orbit = params.get('orbit');
  return {
    idleMs: Number.isFinite(idle) && idle > 0 ? idle : 20_000,
    autoOrbit: orbit === 'on' ? true : orbit === 'off' ? false : !software,
  };
}

/** The pose the camera drifts towards at time `now` when nobody touches it. */
export function restingPose(home: CameraPose, now: number, autoOrbit: boolean): CameraPose {
  if (!autoOrbit) return home;
  return { ...home, azimuth: home.azimuth + SWING.amplitude * Math.sin((2 * Math.PI * now) / SWING.periodMs) };
}

/**
 * The camera's behaviour: OrbitControls for touch, mouse and wheel (rotate
 * and zoom, no pan, clamped around home so nobody can lose the network off
 * screen), a gentle swing when left alone, and a smooth glide home after
 * idleMs without input. It owns no loop: the stage asks tick() how soon it
 * wants the next frame.
 */
export class CameraRig {
  readonly controls: OrbitControls;
  private home: CameraPose | undefined;
  private readonly target = new Vector3();
  private readonly spherical = new Spherical();
  private readonly offset = new Vector3();
  private interacting = false;
  private lastInput = -Infinity;
  private lastTick = 0;
  private fixed = false;
  /** Home's look-at point: a flight may look elsewhere for a while (attract mode). */
  private readonly homeTarget = new Vector3();
  private flight: Flight | undefined;

  constructor(
    private readonly camera: PerspectiveCamera,
    element: ConstructorParameters<typeof OrbitControls>[1],
    private readonly options: CameraRigOptions,
    private readonly onChange: () => void,
  ) {
    this.controls = new OrbitControls(camera, element);
    this.controls.enablePan = false;
    // Damping would need a frame loop during every drag; on a CPU-drawn page that is a second a frame.
    this.controls.enableDamping = false;
    this.controls.rotateSpeed = 0.6;
    this.controls.zoomSpeed = 0.8;
    this.controls.addEventListener('start', () => {
      this.interacting = true;
      // A visitor's touch ends a flight where it is, looking at home's point again, so the limits around home hold.
      if (this.flight) this.land();
    });
    this.controls.addEventListener('end', () => {
      this.interacting = false;
      this.lastInput = performance.now();
      this.onChange();
    });
    this.controls.addEventListener('change', () => {
      if (this.interacting) this.lastInput = performance.now();
      this.onChange();
    });
  }

  get idleMs(): number {
    return this.options.idleMs;
  }

  get autoOrbit(): boolean {
    return this.options.autoOrbit && !this.fixed;
  }

  /** Home: the stage's framing of the network. Limits are set around it; a later framing (resize) keeps the visitor's angles. */
  setHome(target: Vector3, position: Vector3): void {
    const previous = this.home;
    this.flight = undefined;
    this.homeTarget.copy(target);
    this.target.copy(target);
    this.controls.target.copy(target);
    this.spherical.setFromVector3(this.offset.copy(position).sub(target));
    const home = { azimuth: this.spherical.theta, polar: this.spherical.phi, distance: this.spherical.radius };
    this.home = home;
    const c = this.controls;
    c.minAzimuthAngle = home.azimuth - AZIMUTH_RANGE.front;
    c.maxAzimuthAngle = home.azimuth + AZIMUTH_RANGE.side;
    c.minPolarAngle = Math.max(0.15, home.polar - POLAR_RANGE.above);
    c.maxPolarAngle = Math.min(Math.PI - 0.15, home.polar + POLAR_RANGE.below);
    c.minDistance = home.distance * ZOOM_RANGE.near;
    c.maxDistance = home.distance * ZOOM_RANGE.far;
    if (!previous) return this.apply(restingPose(home, performance.now(), this.autoOrbit));
    const now = this.pose();
    this.apply({ ...now, distance: (now.distance * home.distance) / previous.distance });
  }

  pose(): CameraPose {
    this.spherical.setFromVector3(this.offset.copy(this.camera.position).sub(this.target));
    return { azimuth: this.spherical.theta, polar: this.spherical.phi, distance: this.spherical.radius };
  }

  homePose(): CameraPose | undefined {
    return this.home;
  }

  limits(): { azimuth: [number, number]; polar: [number, number]; distance: [number, number] } {
    const c = this.controls;
    return { azimuth: [c.minAzimuthAngle, c.maxAzimuthAngle], polar: [c.minPolarAngle, c.maxPolarAngle], distance: [c.minDistance, c.maxDistance] };
  }

  /**
   * Puts the camera at `pose` (clamped; default home) and keeps it there: no
   * swing, no glide home, until release(). Drags still turn it. For
   * screenshots and tests, where a moving camera would change every picture.
   */
  fix(pose: Partial<CameraPose> = {}): void {
    if (!this.home) return;
    this.fixed = true;
    this.apply({ ...this.home, ...pose });
  }

  /** Lets a fixed camera drift again, as if a visitor had just let go. */
  release(): void {
    this.fixed = false;
    this.lastInput = performance.now();
  }

  /**
   * Flies, over about `ms`, to `pose` (relative to home's: clamped to the
   * visitors' limits) looking at `target`, and holds that view until the next
   * flight or home(). Attract mode's camera scene; a fixed camera stays put.
   */
  flyTo(pose: Partial<CameraPose>, target: Vector3, ms: number, now = performance.now()): void {
    if (!this.home || this.fixed) return;
    this.startFlight({ ...this.home, ...pose }, target, ms, false, now);
  }

  /** Glides back to home (a flight's end, or at once with `ms` 0) and rests there as if nobody had touched it. */
  flyHome(ms: number, now = performance.now()): void {
    this.lastInput = -Infinity;
    if (!this.home || !this.flight) return;
    if (ms <= 0) return this.land();
    this.startFlight(this.home, this.homeTarget, ms, true, now);
  }

  /** True while a flight moves or holds the camera away from home. */
  get flying(): boolean {
    return this.flight !== undefined;
  }

  private startFlight(to: CameraPose, target: Vector3, ms: number, home: boolean, now: number): void {
    const c = this.controls;
    const clamped = {
      azimuth: Math.min(c.maxAzimuthAngle, Math.max(c.minAzimuthAngle, to.azimuth)),
      polar: Math.min(c.maxPolarAngle, Math.max(c.minPolarAngle, to.polar)),
      distance: Math.min(c.maxDistance, Math.max(c.minDistance, to.distance)),
    };
    this.flight = { from: this.pose(), fromTarget: this.target.clone(), to: clamped, toTarget: target.clone(), start: now, ms: Math.max(1, ms), home };
    this.onChange();
  }

  /** Ends any flight at once: back at home's look-at point and home's pose. */
  private land(): void {
    const home = this.home;
    this.flight = undefined;
    this.target.copy(this.homeTarget);
    this.controls.target.copy(this.homeTarget);
    if (home) this.apply(restingPose(home, performance.now(), this.autoOrbit));
  }

  /** 'home' while the camera rests or glides home, 'held' while a visitor touches it or the idle wait runs, 'fixed' for tests. */
  mode(now = performance.now()): 'home' | 'held' | 'fixed' {
    if (this.fixed) return 'fixed';
    return this.interacting || now - this.lastInput < this.options.idleMs ? 'held' : 'home';
  }

  /**
   * Moves the camera for time `now` and says how soon it wants the next
   * frame: 0 for the next animation frame, a delay in ms, or Infinity when
   * it is at rest.
   */
  tick(now: number): number {
    const dt = Math.min(1000, Math.max(0, now - this.lastTick));
    this.lastTick = now;
    if (!this.home || this.fixed || this.interacting) return Infinity;
    if (this.flight) return this.fly(this.flight, now);
    const wait = this.lastInput + this.options.idleMs - now;
    if (wait > 0) return wait;
    const goal = restingPose(this.home, now, this.options.autoOrbit);
    const pose = this.pose();
    // Home and still: leave the camera exactly where it is (no frames, no drift from re-applying).
    const still = Math.abs(goal.azimuth - pose.azimuth) < 1e-6 && Math.abs(goal.polar - pose.polar) < 1e-6 && Math.abs(goal.distance - pose.distance) < 1e-6 * goal.distance;
    if (still && !this.options.autoOrbit) return Infinity;
    const k = 1 - Math.exp(-dt / GLIDE_MS);
    const next = {
      azimuth: pose.azimuth + (goal.azimuth - pose.azimuth) * k,
      polar: pose.polar + (goal.polar - pose.polar) * k,
      distance: pose.distance + (goal.distance - pose.distance) * k,
    };
    const close = Math.abs(goal.azimuth - next.azimuth) < 1e-3 && Math.abs(goal.polar - next.polar) < 1e-3 && Math.abs(goal.distance - next.distance) < 1e-3 * goal.distance;
    if (close && !this.options.autoOrbit) {
      this.apply(goal);
      return Infinity;
    }
    this.apply(close ? goal : next);
    return 0;
  }

  private fly(flight: Flight, now: number): number {
    const u = Math.min(1, Math.max(0, (now - flight.start) / flight.ms));
    // Smoothstep: leaves and arrives gently.
    const e = u * u * (3 - 2 * u);
    const { from, to } = flight;
    this.target.lerpVectors(flight.fromTarget, flight.toTarget, e);
    this.controls.target.copy(this.target);
    this.apply({ azimuth: from.azimuth + (to.azimuth - from.azimuth) * e, polar: from.polar + (to.polar - from.polar) * e, distance: from.distance + (to.distance - from.distance) * e });
    if (u < 1) return 0;
    if (flight.home) {
      this.flight = undefined;
      return this.options.autoOrbit ? 0 : Infinity;
    }
    return Infinity;
  }

  private apply(pose: CameraPose): void {
    this.spherical.set(pose.distance, pose.polar, pose.azimuth);
    this.camera.position.copy(this.target).add(this.offset.setFromSpherical(this.spherical));
    this.camera.lookAt(this.target);
    // update() clamps to the limits and fires 'change' when the camera moved.
    this.controls.update();
    this.camera.updateMatrixWorld();
  }

  dispose(): void {
    this.controls.dispose();
  }
}
