import { describe, expect, it } from 'vitest';
import { INK_LIMITS } from '../../../../app/contract/limits.js';
import { strokesSchema } from '../../../../app/contract/ink-schema.js';
import { pen } from '../../../support/pen-driver.js';

describe('ink state (pen events as data)', () => {
  it('turns down / move / up into strokes', () => {
    const p = pen().down(0, 0).move(10, 0).move(10, 10).up().down(50, 50).move(60, 60).up();
    expect(p.state.strokes).toEqual([[[0, 0], [10, 0], [10, 10]], [[50, 50], [60, 60]]]);
    expect(p.state.activePointer).toBeNull();
  });

  it('ignores a second pointer while one is drawing (one finger draws, a palm does not)', () => {
    const p = pen(1).down(0, 0).down(5, 5, 2).move(99, 99, 2).move(10, 10).up(2).move(20, 20).up();
    expect(p.state.strokes).toEqual([[[0, 0], [10, 10], [20, 20]]]);
  });

  it('drops points too close to the previous one and bumps the version only on change', () => {
    const p = pen().down(0, 0);
    const version = p.state.version;
    p.move(0.5, 0.5).move(1, 0);
    expect(p.state.version).toBe(version);
    expect(p.state.strokes).toEqual([[[0, 0]]]);
  });

  it('keeps a cancelled stroke and clears everything on clear', () => {
    const p = pen().down(0, 0).move(10, 10).send({ type: 'cancel', pointerId: 1 });
    expect(p.state.strokes).toHaveLength(1);
    expect(p.state.activePointer).toBeNull();
    p.clear();
    expect(p.state.strokes).toEqual([]);
  });

  it('never grows beyond what the hub accepts', () => {
    const p = pen();
    for (let s = 0; s < INK_LIMITS.maxStrokes + 5; s++) p.down(s * 3, 0).up();
    expect(p.state.strokes).toHaveLength(INK_LIMITS.maxStrokes);
    const q = pen().down(0, 0);
    for (let i = 1; i < INK_LIMITS.maxPointsPerStroke + 100; i++) q.move(i * 2, 0);
    expect(q.state.strokes[0]).toHaveLength(INK_LIMITS.maxPointsPerStroke);
    expect(strokesSchema.safeParse(p.state.strokes).success).toBe(true);
    expect(strokesSchema.safeParse(q.state.strokes).success).toBe(true);
  });
});
