import { applyPenEvent, EMPTY_INK, type InkState, type PenEvent } from '../../app/ink/ink-state.js';

/** Headless pen: pen().down(10, 10).move(20, 30).up().state (tldraw TestEditor style). */
export class PenDriver {
  state: InkState = EMPTY_INK;
  constructor(readonly pointerId = 1) {}

  send(event: PenEvent): this {
    this.state = applyPenEvent(this.state, event);
    return this;
  }
  down(x: number, y: number, pointerId = this.pointerId): this {
    return this.send({ type: 'down', pointerId, point: [x, y] });
  }
  move(x: number, y: number, pointerId = this.pointerId): this {
    return this.send({ type: 'move', pointerId, points: [[x, y]] });
  }
  up(pointerId = this.pointerId): this {
    return this.send({ type: 'up', pointerId });
  }
  clear(): this {
    return this.send({ type: 'clear' });
  }
}

export const pen = (pointerId?: number): PenDriver => new PenDriver(pointerId);
