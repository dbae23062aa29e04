import type { Strokes } from '../../app/contract/ink-schema.js';
import { INK_LIMITS } from '../../app/contract/limits.js';
import type { PenPoint } from '../../app/contract/pen-ink-schema.js';
import type { PenInkMessage } from '../../app/contract/pen-messages.js';

/**
 * One pen's drawing as the hub holds it, built from its stroke messages.
 * Strokes are numbered from the last clear; a number the hub did not expect
 * means the two sides disagree, and the pen repairs that by sending its whole
 * `drawing` (docs/PROTOCOL.md). Limits are the display ink's, checked before
 * anything is changed, so a refused message leaves the drawing as it was.
 */
export interface PenDrawing {
  strokes: PenPoint[][];
  /** The stroke that takes stroke-points, or null. */
  open: number | null;
  points: number;
}

export type ApplyResult = { readonly changed: boolean } | { readonly error: 'out-of-sync' | 'too-large'; readonly message: string };

export function emptyDrawing(): PenDrawing {
  return { strokes: [], open: null, points: 0 };
}

export function applyInk(d: PenDrawing, m: PenInkMessage): ApplyResult {
  switch (m.type) {
    case 'stroke-begin': {
      if (m.stroke > d.strokes.length) return outOfSync(`stroke-begin ${m.stroke} but the hub holds ${d.strokes.length} strokes`);
      // A lower number overwrites from there: the pen undid strokes the hub had not heard about.
      const kept = d.strokes.slice(0, m.stroke);
      const keptPoints = kept.reduce((n, s) => n + s.length, 0);
      if (keptPoints + m.points.length > INK_LIMITS.maxPointsTotal) return tooMuch();
      d.strokes = [...kept, [...m.points]];
      d.points = keptPoints + m.points.length;
      d.open = m.stroke;
      return { changed: true };
    }
    case 'stroke-points': {
      const stroke = d.strokes[m.stroke];
      if (d.open !== m.stroke || !stroke) return outOfSync(`stroke-points for ${m.stroke}, but the open stroke is ${d.open ?? 'none'}`);
      if (stroke.length + m.points.length > INK_LIMITS.maxPointsPerStroke || d.points + m.points.length > INK_LIMITS.maxPointsTotal) return tooMuch();
      for (const p of m.points) stroke.push(p);
      d.points += m.points.length;
      return { changed: true };
    }
    case 'stroke-end':
      if (m.stroke >= d.strokes.length) return outOfSync(`stroke-end ${m.stroke} but the hub holds ${d.strokes.length} strokes`);
      if (d.open === m.stroke) d.open = null;
      return { changed: false };
    case 'undo': {
      const last = d.strokes.pop();
      d.open = null;
      d.points -= last?.length ?? 0;
      return { changed: last !== undefined };
    }
    case 'clear': {
      const had = d.strokes.length > 0;
      Object.assign(d, emptyDrawing());
      return { changed: had };
    }
    case 'drawing':
      d.strokes = m.strokes.map((s) => [...s]);
      // The visitor may be mid-stroke when the page re-sends its drawing: the last stroke stays open
      // for the stroke-points that follow (a closed one would answer each with out-of-sync, a storm).
      d.open = d.strokes.length > 0 ? d.strokes.length - 1 : null;
      d.points = m.strokes.reduce((n, s) => n + s.length, 0);
      return { changed: true };
  }
}

/** What the ink pipeline takes: [x, y] (pressure is not used for recognition), no empty strokes. */
export function strokesOf(d: PenDrawing): Strokes {
  return d.strokes.filter((s) => s.length > 0).map((s) => s.map((p) => [p[0], p[1]] as [number, number]));
}

function outOfSync(message: string): ApplyResult {
  return { error: 'out-of-sync', message: `${message}; send "drawing" with the whole drawing` };
}

function tooMuch(): ApplyResult {
  return { error: 'too-large', message: `over the ink limits (${INK_LIMITS.maxPointsPerStroke} points per stroke, ${INK_LIMITS.maxPointsTotal} in all); the points were dropped` };
}
