import type { DrawingChange } from './pen-drawing.js';
import type { PenInkMessage, PenPoint } from './pen-messages.js';

/** At most this many points in one stroke-begin or stroke-points message (protocol limit). */
export const MAX_BATCH_POINTS = 256;
/** How long samples wait to be sent together: one message per ~frame instead of one per sample. */
export const BATCH_WINDOW_MS = 16;

type Pending = { kind: 'begin' | 'points'; stroke: number; points: PenPoint[] } | { kind: 'end'; stroke: number } | { kind: 'undo' } | { kind: 'clear' } | { kind: 'drawing'; strokes: PenPoint[][] };

/**
 * Turns drawing changes into protocol messages, in order: samples of one
 * stroke that arrive within a batch window travel together, and no message
 * carries more than 256 points. `take()` empties the queue; the page calls
 * it every BATCH_WINDOW_MS while something is queued.
 */
export class StrokeBatcher {
  private queue: Pending[] = [];

  get pending(): boolean {
    return this.queue.length > 0;
  }

  push(change: DrawingChange): void {
    const tail = this.queue[this.queue.length - 1];
    if (change.kind === 'points' && tail && (tail.kind === 'begin' || tail.kind === 'points') && tail.stroke === change.stroke) {
      tail.points.push(...change.points);
      return;
    }
    if (change.kind === 'begin' || change.kind === 'points') this.queue.push({ kind: change.kind, stroke: change.stroke, points: [...change.points] });
    else this.queue.push({ ...change });
  }

  /**
   * Replaces everything queued by the whole drawing: after a reconnect, or
   * after the hub refused ink (not our turn), the hub's copy is stale and
   * only the whole drawing makes it right again.
   */
  replaceWith(strokes: PenPoint[][]): void {
    this.queue = [{ kind: 'drawing', strokes }];
  }

  /** Drops everything queued (the link is down; the drawing is re-sent whole on reconnect). */
  drop(): void {
    this.queue = [];
  }

  take(): PenInkMessage[] {
    const out: PenInkMessage[] = [];
    for (const item of this.queue) {
      switch (item.kind) {
        case 'begin':
        case 'points': {
          const first = item.points.slice(0, MAX_BATCH_POINTS);
          out.push({ type: item.kind === 'begin' ? 'stroke-begin' : 'stroke-points', stroke: item.stroke, points: first });
          for (let i = MAX_BATCH_POINTS; i < item.points.length; i += MAX_BATCH_POINTS) {
            out.push({ type: 'stroke-points', stroke: item.stroke, points: item.points.slice(i, i + MAX_BATCH_POINTS) });
          }
          break;
        }
        case 'end':
          out.push({ type: 'stroke-end', stroke: item.stroke });
          break;
        case 'undo':
        case 'clear':
          out.push({ type: item.kind });
          break;
        case 'drawing':
          out.push({ type: 'drawing', strokes: item.strokes });
          break;
      }
    }
    this.queue = [];
    return out;
  }
}
