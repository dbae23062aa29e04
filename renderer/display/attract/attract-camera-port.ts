import { Vector3 } from 'three';
import type { CameraPose } from '../camera-rig.js';
import type { NetworkLayout } from '../network-layout.js';
import type { Stage } from '../stage.js';
import type { CameraPort, CameraPreset } from './attract-ports.js';

const DEG = Math.PI / 180;
/** Gliding back home after a flight (between scenes, or when a visitor comes). */
const HOME_MS = 1_200;

/**
 * Where each preset looks, from home: a point on the network's axis (layers
 * stand along x) and a pose closer in, turned a little. All within the rig's
 * limits (camera-rig.ts clamps them anyway), so a flight never shows what a
 * visitor could not reach.
 */
function presetView(preset: CameraPreset, layout: NetworkLayout, home: CameraPose): { pose: Partial<CameraPose>; x: number } | undefined {
  const layers = layout.layers;
  const hidden = layers.filter((l) => l.kind === 'hidden');
  switch (preset) {
    case 'input':
      // Turned towards the input's face: the 28x28 tiles read as a picture.
      return { x: layers[0]?.x ?? 0, pose: { azimuth: home.azimuth - 25 * DEG, distance: home.distance * 0.62 } };
    case 'hidden':
      return { x: hidden.length ? hidden.reduce((s, l) => s + l.x, 0) / hidden.length : 0, pose: { polar: home.polar - 15 * DEG, distance: home.distance * 0.66 } };
    case 'output':
      return { x: layers.at(-1)?.x ?? 0, pose: { azimuth: home.azimuth - 10 * DEG, distance: home.distance * 0.62 } };
    case 'overview':
      return undefined;
  }
}

/** Attract mode's camera flights, through the camera rig of `stage`; `layout` is the network shown now. */
export function createCameraPort(stage: Stage, layout: () => NetworkLayout | undefined): CameraPort {
  return {
    flyTo: (preset, ms) => {
      const { rig } = stage;
      const home = rig.homePose();
      const net = layout();
      const view = home && net ? presetView(preset, net, home) : undefined;
      if (!view) return rig.flyHome(ms);
      rig.flyTo(view.pose, new Vector3(view.x, 0, 0), ms);
    },
    home: () => stage.rig.flyHome(HOME_MS),
  };
}
