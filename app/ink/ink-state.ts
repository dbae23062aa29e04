import { INK_LIMITS } from '../contract/limits.js';
import type { InkPoint, InkStroke } from './stroke-types.js';

/**
 * Pen input as data: pointer events become this small event union and a pure
 * reducer keeps the drawing. The display's pad uses it now and the tablet
 * page will (issue 3); tests drive it headless (tests/support/pen-driver.ts).
 */
export type PenEvent =
  | { readonly type: 'down'; readonly pointerId: number; readonly point: InkPoint }
  | { readonly type: 'move'; readonly pointerId: number; readonly points: readonly InkPoint[] }
  | { readonly type: 'up'; readonly pointerId: number }
  | { readonly type: 'cancel'; readonly pointerId: number }
  | { readonly type: 'clear' };

export interface InkState {
  readonly strokes: readonly InkStroke[];
  /** The pointer drawing now; other pointers (a second finger, a palm) are ignored meanwhile. */
  readonly activePointer: number | null;
  /** Increases whenever `strokes` changes: the pad sends the drawing when it does. */
  readonly version: number;
}

export const EMPTY_INK: InkState = { strokes: [], activePointer: null, version: 0 };

export interface InkStateOptions {
  /** Points closer than this to the previous one add nothing but bytes (same unit as the points). */
  readonly minDistance: number;
}

export function applyPenEvent(state: InkState, event: PenEvent, { minDistance }: InkStateOptions = { minDistance: 1.5 }): InkState {
  switch (event.type) {
    case 'clear':
      return state.strokes.length === 0 && state.activePointer === null ? state : { strokes: [], activePointer: null, version: state.version + 1 };
    case 'down': {
      if (state.activePointer !== null || state.strokes.length >= INK_LIMITS.maxStrokes || pointCount(state) >= INK_LIMITS.maxPointsTotal) return state;
      return { strokes: [...state.strokes, [event.point]], activePointer: event.pointerId, version: state.version + 1 };
    }
    case 'move': {
      if (event.pointerId !== state.activePointer) return state;
      const current = state.strokes[state.strokes.length - 1] ?? [];
      const room = Math.min(INK_LIMITS.maxPointsPerStroke - current.length, INK_LIMITS.maxPointsTotal - pointCount(state));
      const added: InkPoint[] = [];
      let last = current[current.length - 1];
      for (const p of event.points) {
        if (added.length >= room) break;
        if (last && Math.hypot(p[0] - last[0], p[1] - last[1]) < minDistance) continue;
        added.push(p);
        last = p;
      }
      if (added.length === 0) return state;
      return { strokes: [...state.strokes.slice(0, -1), [...current, ...added]], activePointer: state.activePointer, version: state.version + 1 };
    }
    case 'up':
    case 'cancel':
      // A cancelled touch keeps its stroke: browsers cancel at the end of
      // fast strokes, and losing what the visitor drew would be worse.
      return event.pointerId === state.activePointer ? { ...state, activePointer: null } : state;
  }
}

function pointCount(state: InkState): number {
  let n = 0;
  for (const s of state.strokes) n += s.length;
  return n;
}
