/**
 * What attract mode asks of parts built elsewhere: the timeline (scrubbing
 * from random weights to trained) and the camera. Each part registers itself
 * here when it exists (`attractPorts.timeline = ...`); attract mode leaves
 * out a scene whose part is missing, so there is never a caption over a
 * scene that does not play.
 */
export interface TimelinePort {
  /** Plays the snapshots from random weights to trained on this input (28x28 in [0, 1]) over about `ms`. */
  play(input: readonly number[], ms: number): void;
  /** Back to the snapshot the hub runs (attract mode ended or moved on). */
  stop(): void;
}

export type CameraPreset = 'input' | 'hidden' | 'output' | 'overview';

export interface CameraPort {
  /** A gentle flight to a preset view, over about `ms`. */
  flyTo(preset: CameraPreset, ms: number): void;
  /** Back to the home view (attract mode ended or moved on). */
  home(): void;
}

export interface AttractPorts {
  timeline?: TimelinePort;
  camera?: CameraPort;
}

export const attractPorts: AttractPorts = {};
