import { INK_LIMITS } from '../contract/limits.js';
import type { PenPoint, PenStroke } from './pen-messages.js';

/**
 * The tablet's own copy of the drawing: the source of truth that is re-sent
 * whole (`drawing`) after a reconnect, so nothing a visitor drew is lost.
 * Immutable updates; every change returns what the batcher must send.
 * One pointer draws at a time (a resting palm or a second finger is ignored),
 * and the contract's ink limits are kept here so the hub never refuses ink.
 */
export interface PenDrawing {
  readonly strokes: readonly PenStroke[];
  readonly activePointer: number | null;
}

export const EMPTY_DRAWING: PenDrawing = { strokes: [], activePointer: null };

/** What changed, for the batcher: a stroke began, points were added to one, it ended, or the whole drawing changed. */
export type DrawingChange =
  | { readonly kind: 'begin'; readonly stroke: number; readonly points: readonly PenPoint[] }
  | { readonly kind: 'points'; readonly stroke: number; readonly points: readonly PenPoint[] }
  | { readonly kind: 'end'; readonly stroke: number }
  | { readonly kind: 'undo' }
  | { readonly kind: 'clear' };

export type DrawingEvent =
  | { readonly type: 'down'; readonly pointerId: number; readonly point: PenPoint }
  | { readonly type: 'move'; readonly pointerId: number; readonly points: readonly PenPoint[] }
  | { readonly type: 'up'; readonly pointerId: number }
  | { readonly type: 'cancel'; readonly pointerId: number }
  | { readonly type: 'undo' }
  | { readonly type: 'clear' };

export interface DrawingStep {
  readonly drawing: PenDrawing;
  readonly change: DrawingChange | null;
}

/** Samples closer than this (CSS px) to the previous one add bytes, not shape. */
const MIN_DISTANCE = 1;

export function applyDrawingEvent(drawing: PenDrawing, event: DrawingEvent): DrawingStep {
  const same = { drawing, change: null };
  const last = drawing.strokes.length - 1;
  switch (event.type) {
    case 'down':
      if (drawing.activePointer !== null || drawing.strokes.length >= INK_LIMITS.maxStrokes || pointCount(drawing) >= INK_LIMITS.maxPointsTotal) return same;
      return {
        drawing: { strokes: [...drawing.strokes, [event.point]], activePointer: event.pointerId },
        change: { kind: 'begin', stroke: drawing.strokes.length, points: [event.point] },
      };
    case 'move': {
      if (event.pointerId !== drawing.activePointer) return same;
      const current = drawing.strokes[last] ?? [];
      const room = Math.min(INK_LIMITS.maxPointsPerStroke - current.length, INK_LIMITS.maxPointsTotal - pointCount(drawing));
      const added: PenPoint[] = [];
      let prev = current[current.length - 1];
      for (const p of event.points) {
        if (added.length >= room) break;
        if (prev && Math.hypot(p[0] - prev[0], p[1] - prev[1]) < MIN_DISTANCE) continue;
        added.push(p);
        prev = p;
      }
      if (added.length === 0) return same;
      return {
        drawing: { strokes: [...drawing.strokes.slice(0, -1), [...current, ...added]], activePointer: drawing.activePointer },
        change: { kind: 'points', stroke: last, points: added },
      };
    }
    case 'up':
    case 'cancel':
      // A cancelled touch keeps its stroke: browsers cancel at the end of fast
      // strokes, and losing what the visitor drew would be worse.
      if (event.pointerId !== drawing.activePointer) return same;
      return { drawing: { ...drawing, activePointer: null }, change: { kind: 'end', stroke: last } };
    case 'undo':
      if (drawing.strokes.length === 0) return same;
      return { drawing: { strokes: drawing.strokes.slice(0, -1), activePointer: null }, change: { kind: 'undo' } };
    case 'clear':
      if (drawing.strokes.length === 0 && drawing.activePointer === null) return same;
      return { drawing: EMPTY_DRAWING, change: { kind: 'clear' } };
  }
}

export function pointCount(drawing: PenDrawing): number {
  let n = 0;
  for (const s of drawing.strokes) n += s.length;
  return n;
}

/** The whole drawing as the protocol's `drawing` message (fresh arrays: the message is serialised, not shared). */
export function drawingMessage(drawing: PenDrawing): { type: 'drawing'; strokes: PenPoint[][] } {
  return { type: 'drawing', strokes: drawing.strokes.map((s) => [...s]) };
}
