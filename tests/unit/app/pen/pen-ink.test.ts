import { describe, expect, it } from 'vitest';
import { applyDrawingEvent, drawingMessage, EMPTY_DRAWING, type DrawingEvent, type PenDrawing } from '../../../../app/pen/pen-drawing.js';
import { turnOf } from '../../../../app/pen/drawer-turn.js';
import type { PenInkMessage, PenPoint } from '../../../../app/pen/pen-messages.js';
import { MAX_BATCH_POINTS, StrokeBatcher } from '../../../../app/pen/stroke-batcher.js';
import { INK_LIMITS } from '../../../../app/contract/limits.js';

/** Headless pen for the tablet's model: drawing and batcher fed together, as the page does. */
class PenTablet {
  drawing: PenDrawing = EMPTY_DRAWING;
  readonly batcher = new StrokeBatcher();
  send(event: DrawingEvent): this {
    const step = applyDrawingEvent(this.drawing, event);
    this.drawing = step.drawing;
    if (step.change) this.batcher.push(step.change);
    return this;
  }
  down(x: number, y: number, pointerId = 1, p?: number): this {
    return this.send({ type: 'down', pointerId, point: p === undefined ? [x, y] : [x, y, p] });
  }
  move(points: PenPoint[], pointerId = 1): this {
    return this.send({ type: 'move', pointerId, points });
  }
  up(pointerId = 1): this {
    return this.send({ type: 'up', pointerId });
  }
  take(): PenInkMessage[] {
    return this.batcher.take();
  }
}

const line = (from: number, n: number, y = 0): PenPoint[] => Array.from({ length: n }, (_, i) => [from + i * 2, y] as PenPoint);

describe('pen drawing and batcher', () => {
  it('one short stroke in one window: begin with its points, then end', () => {
    const t = new PenTablet().down(0, 0, 1, 0.4).move([[5, 5, 0.5], [10, 10, 0.6]]).up();
    expect(t.take()).toEqual([
      { type: 'stroke-begin', stroke: 0, points: [[0, 0, 0.4], [5, 5, 0.5], [10, 10, 0.6]] },
      { type: 'stroke-end', stroke: 0 },
    ]);
    expect(t.take()).toEqual([]);
    expect(t.batcher.pending).toBe(false);
  });

  it('a long stroke goes out in order, in batches of at most 256 points, nothing lost or repeated', () => {
    const t = new PenTablet().down(0, 0);
    const sent: PenInkMessage[] = [...t.take()];
    // 1000 samples arriving 40 per "window", then a window with 600 at once.
    for (let i = 0; i < 25; i++) sent.push(...t.move(line(2 + i * 80, 40)).take());
    sent.push(...t.move(line(2 + 25 * 80, 600)).up().take());
    expect(sent[0]).toEqual({ type: 'stroke-begin', stroke: 0, points: [[0, 0]] });
    expect(sent[sent.length - 1]).toEqual({ type: 'stroke-end', stroke: 0 });
    const batches = sent.filter((m): m is Extract<PenInkMessage, { type: 'stroke-points' }> => m.type === 'stroke-points');
    for (const b of batches) {
      expect(b.points.length).toBeGreaterThan(0);
      expect(b.points.length).toBeLessThanOrEqual(MAX_BATCH_POINTS);
    }
    const xs = [[0, 0] as PenPoint, ...batches.flatMap((b) => b.points)].map((p) => p[0]);
    expect(xs).toEqual(t.drawing.strokes[0]!.map((p) => p[0]));
    expect(xs.length).toBe(1 + 25 * 40 + 600);
    // The 600 that came at once: 256 + 256 + 88.
    expect(batches.slice(-3).map((b) => b.points.length)).toEqual([256, 256, 88]);
  });

  it('numbers strokes since the last clear; undo frees the number; clear starts at 0 again', () => {
    const t = new PenTablet().down(0, 0).up().down(10, 10).up();
    t.send({ type: 'undo' }).down(20, 20).up();
    expect(t.take().map((m) => `${m.type}${'stroke' in m ? m.stroke : ''}`)).toEqual([
      'stroke-begin0', 'stroke-end0', 'stroke-begin1', 'stroke-end1', 'undo', 'stroke-begin1', 'stroke-end1',
    ]);
    t.send({ type: 'clear' }).down(5, 5).up();
    expect(t.take().map((m) => `${m.type}${'stroke' in m ? m.stroke : ''}`)).toEqual(['clear', 'stroke-begin0', 'stroke-end0']);
    expect(t.drawing.strokes).toEqual([[[5, 5]]]);
  });

  it('undo removes the last stroke (even while drawing it), clear removes all; both no-ops on an empty drawing', () => {
    const t = new PenTablet().down(0, 0).move([[10, 0]]).up().down(0, 10).move([[10, 10]]);
    t.send({ type: 'undo' });
    expect(t.drawing).toEqual({ strokes: [[[0, 0], [10, 0]]], activePointer: null });
    // The finger still down after undo draws nothing more until it is lifted.
    t.move([[20, 20]]);
    expect(t.drawing.strokes.length).toBe(1);
    t.send({ type: 'clear' });
    expect(t.drawing).toEqual(EMPTY_DRAWING);
    t.take();
    t.send({ type: 'undo' }).send({ type: 'clear' });
    expect(t.take()).toEqual([]);
  });

  it('re-sends the whole drawing, in-progress stroke included, in place of anything queued', () => {
    const t = new PenTablet().down(0, 0, 1, 0.5).move([[10, 0, 0.7]]).up().down(0, 10).move([[10, 10]]);
    t.take();
    // Link down: what was queued is dropped, the drawing goes on locally.
    t.move([[20, 10]]);
    t.batcher.drop();
    t.move([[30, 10]]);
    t.batcher.replaceWith(drawingMessage(t.drawing).strokes);
    t.move([[40, 10]]).up();
    expect(t.take()).toEqual([
      { type: 'drawing', strokes: [[[0, 0, 0.5], [10, 0, 0.7]], [[0, 10], [10, 10], [20, 10], [30, 10]]] },
      { type: 'stroke-points', stroke: 1, points: [[40, 10]] },
      { type: 'stroke-end', stroke: 1 },
    ]);
  });

  it('one pointer draws at a time; samples closer than 1 px are skipped', () => {
    const t = new PenTablet().down(0, 0, 1).down(50, 50, 2).move([[60, 60]], 2).move([[0.5, 0], [3, 0]], 1).up(2);
    expect(t.drawing.strokes).toEqual([[[0, 0], [3, 0]]]);
    expect(t.drawing.activePointer).toBe(1);
  });

  it('keeps the contract\'s ink limits, so the hub never has to refuse a drawing', () => {
    let t = new PenTablet();
    for (let i = 0; i < INK_LIMITS.maxStrokes + 3; i++) t.down(i * 3, 0).up();
    expect(t.drawing.strokes.length).toBe(INK_LIMITS.maxStrokes);
    t = new PenTablet().down(0, 0).move(line(2, INK_LIMITS.maxPointsPerStroke + 50));
    expect(t.drawing.strokes[0]!.length).toBe(INK_LIMITS.maxPointsPerStroke);
  });
});

describe('turnOf', () => {
  const other = { active: false, holder: 'iPad 2', idleTakeoverMs: 4000 };
  it('says "your turn" when this pen draws or nobody does', () => {
    expect(turnOf({ ...other, active: true }, 0, 0)).toEqual({ kind: 'yours' });
    expect(turnOf({ ...other, holder: null }, 0, 0)).toEqual({ kind: 'yours' });
    // The hub says the holder has been idle long enough: drawing now takes the turn.
    expect(turnOf({ ...other, free: true }, 0, 0)).toEqual({ kind: 'yours' });
  });
  it('counts down the idle take-over time, never below 1 s until the hub says the turn moved', () => {
    expect(turnOf(other, 1000, 1000)).toEqual({ kind: 'wait', seconds: 4 });
    expect(turnOf(other, 1000, 2100)).toEqual({ kind: 'wait', seconds: 3 });
    expect(turnOf(other, 1000, 60_000)).toEqual({ kind: 'wait', seconds: 1 });
  });
});
