import { PerspectiveCamera, Vector3 } from 'three';
import { describe, expect, it } from 'vitest';
import { AZIMUTH_RANGE, CameraRig, cameraOptionsFrom, restingPose, SWING, ZOOM_RANGE } from '../../../../renderer/display/camera-rig.js';

// The rig's own logic with three's real OrbitControls on a stand-in element
// (it only registers listeners here; dragging is covered by the e2e test).
const noop = (): void => undefined;
const element = { addEventListener: noop, removeEventListener: noop, style: {}, ownerDocument: { addEventListener: noop, removeEventListener: noop } } as unknown as ConstructorParameters<typeof CameraRig>[1];

function rig(options = { idleMs: 1000, autoOrbit: false }) {
  const camera = new PerspectiveCamera(32, 16 / 9, 0.1, 200);
  const r = new CameraRig(camera, element, options, noop);
  r.setHome(new Vector3(-0.3, 0, 0), new Vector3(-6, 3, 6));
  return r;
}

describe('cameraOptionsFrom', () => {
  it('swings by default only where frames are cheap, waits 20 s, and takes overrides from the URL', () => {
    expect(cameraOptionsFrom('', false)).toEqual({ idleMs: 20_000, autoOrbit: true });
    expect(cameraOptionsFrom('', true)).toEqual({ idleMs: 20_000, autoOrbit: false });
    expect(cameraOptionsFrom('?orbit=on&cameraIdle=1500', true)).toEqual({ idleMs: 1500, autoOrbit: true });
    expect(cameraOptionsFrom('?orbit=off&cameraIdle=-3', false)).toEqual({ idleMs: 20_000, autoOrbit: false });
  });
});

describe('restingPose', () => {
  it('swings either side of home by at most the amplitude, and rests at home without the swing', () => {
    const home = { azimuth: -0.7, polar: 1.3, distance: 10 };
    for (let t = 0; t < SWING.periodMs; t += 997) {
      const p = restingPose(home, t, true);
      expect(Math.abs(p.azimuth - home.azimuth)).toBeLessThanOrEqual(SWING.amplitude + 1e-12);
      expect(p.polar).toBe(home.polar);
    }
    expect(restingPose(home, 12_345, false)).toEqual(home);
  });
});

describe('CameraRig', () => {
  it('sets its limits around home', () => {
    const r = rig();
    const home = r.homePose()!;
    const limits = r.limits();
    expect(limits.azimuth[1] - home.azimuth).toBeCloseTo(AZIMUTH_RANGE.side, 12);
    expect(home.azimuth - limits.azimuth[0]).toBeCloseTo(AZIMUTH_RANGE.front, 12);
    // The swing stays inside what visitors may reach.
    expect(SWING.amplitude).toBeLessThan(AZIMUTH_RANGE.side);
    expect(limits.distance).toEqual([home.distance * ZOOM_RANGE.near, home.distance * ZOOM_RANGE.far]);
    expect(r.pose().azimuth).toBeCloseTo(home.azimuth, 9);
  });

  it('clamps a pose outside the limits, holds it while fixed, then glides home and stops asking for frames', () => {
    const r = rig();
    const home = r.homePose()!;
    r.fix({ azimuth: home.azimuth + 2, distance: home.distance * 5 });
    expect(r.pose().azimuth).toBeCloseTo(r.limits().azimuth[1], 9);
    expect(r.pose().distance).toBeCloseTo(r.limits().distance[1], 9);
    expect(r.tick(performance.now())).toBe(Infinity);
    r.release();
    const start = performance.now();
    // The idle wait first: it says how long until it wants a frame.
    const wait = r.tick(start);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(1000);
    let t = start + 1000;
    let next = 0;
    for (let i = 0; i < 200 && next === 0; i++) next = r.tick((t += 50));
    expect(next).toBe(Infinity);
    expect(r.pose().azimuth).toBeCloseTo(home.azimuth, 6);
    expect(r.pose().distance).toBeCloseTo(home.distance, 6);
    expect(r.mode(t)).toBe('home');
  });
});

describe('CameraRig flights (attract mode)', () => {
  it('flies to a clamped pose around another point, holds it, and glides home to rest', () => {
    const r = rig();
    const home = r.homePose()!;
    r.flyTo({ azimuth: home.azimuth - Math.PI, distance: home.distance * 0.1 }, new Vector3(-2.4, 0, 0), 1000, 0);
    expect(r.flying).toBe(true);
    // Half-way: moving, and asking for the next frame.
    expect(r.tick(500)).toBe(0);
    expect(r.tick(1000)).toBe(Infinity);
    const flown = r.pose();
    // Beyond the visitors' limits is clamped to them: nobody sees what a visitor could not reach.
    expect(flown.azimuth).toBeCloseTo(home.azimuth - AZIMUTH_RANGE.front, 6);
    expect(flown.distance).toBeCloseTo(home.distance * ZOOM_RANGE.near, 6);
    // Held there until told otherwise.
    expect(r.tick(5000)).toBe(Infinity);
    expect(r.pose().distance).toBeCloseTo(flown.distance, 9);

    r.flyHome(800, 6000);
    expect(r.tick(6400)).toBe(0);
    expect(r.tick(6800)).toBe(Infinity);
    expect(r.flying).toBe(false);
    expect(r.mode(6800)).toBe('home');
    const back = r.pose();
    expect(back.azimuth).toBeCloseTo(home.azimuth, 6);
    expect(back.polar).toBeCloseTo(home.polar, 6);
    expect(back.distance).toBeCloseTo(home.distance, 6);
  });

  it('a fixed camera (screenshots) does not fly', () => {
    const r = rig();
    r.fix();
    r.flyTo({ distance: r.homePose()!.distance * 0.7 }, new Vector3(1, 0, 0), 500, 0);
    expect(r.flying).toBe(false);
  });
});
