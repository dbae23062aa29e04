/**
 * Attract mode's loop as a pure function of time: which scene plays and how
 * far into it, given how long attract mode has been running. No timers and
 * no state, so hours of looping cannot accumulate anything, and a test can
 * ask for any moment of the loop.
 */
export type AttractSceneName = 'digit' | 'timeline' | 'camera' | 'cta';

export interface AttractPosition {
  /** Which full loops have played before this one (0 for the first). */
  readonly loop: number;
  /** Index into the scene list. */
  readonly index: number;
  readonly scene: AttractSceneName;
  /** 0..1 through the scene. */
  readonly t: number;
}

/**
 * The loop's scenes: two digits drawn, the timeline, a camera flight, the
 * call to action. Scenes whose part is missing are left out, and so are
 * those the operator did not choose (`allowed`, the attractScenes setting);
 * when nothing is left, the call to action plays alone (it needs no part).
 */
export function attractScenes(has: { timeline: boolean; camera: boolean }, allowed?: readonly AttractSceneName[]): AttractSceneName[] {
  const all: AttractSceneName[] = ['digit', 'digit', ...(has.timeline ? (['timeline'] as const) : []), ...(has.camera ? (['camera'] as const) : []), 'cta'];
  if (!allowed) return all;
  const kept = all.filter((scene) => allowed.includes(scene));
  return kept.length ? kept : ['cta'];
}

export function attractPosition(scenes: readonly AttractSceneName[], sceneMs: number, elapsedMs: number): AttractPosition {
  const n = Math.max(1, scenes.length);
  const step = Math.max(1, sceneMs);
  const slot = Math.floor(Math.max(0, elapsedMs) / step);
  const index = slot % n;
  return { loop: Math.floor(slot / n), index, scene: scenes[index] ?? 'cta', t: (Math.max(0, elapsedMs) - slot * step) / step };
}

/** Which digit of the fetched handful a digit scene draws: a new one every time, cycling. */
export function digitNumber(scenes: readonly AttractSceneName[], position: AttractPosition): number {
  const perLoop = scenes.filter((s) => s === 'digit').length;
  const before = scenes.slice(0, position.index).filter((s) => s === 'digit').length;
  return position.loop * perLoop + before;
}

/** The first `fraction` of a drawing's points, stroke by stroke: the digit "as if drawn". */
export function strokesPrefix<P>(strokes: readonly (readonly P[])[], fraction: number): P[][] {
  const total = strokes.reduce((n, s) => n + s.length, 0);
  let left = Math.round(Math.min(1, Math.max(0, fraction)) * total);
  const out: P[][] = [];
  for (const stroke of strokes) {
    if (left <= 0) break;
    out.push(stroke.slice(0, left));
    left -= stroke.length;
  }
  return out;
}
