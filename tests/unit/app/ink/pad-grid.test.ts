import { describe, expect, it } from 'vitest';
import { INK_LIMITS, MESSAGE_LIMITS } from '../../../../app/contract/limits.js';
import { parseClientMessage } from '../../../../app/contract/parse-client-message.js';
import { MAX_INK_JSON_BYTES, onPadGrid } from '../../../../app/ink/pad-grid.js';
import type { InkStroke } from '../../../../app/ink/stroke-types.js';
import { SeededRandom } from '../../../../app/random/seeded-random.js';
import { PenDriver } from '../../../support/pen-driver.js';

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

/**
 * The pad's worst case: the longest drawing the ink reducer lets through
 * (every point the contract allows, in as many strokes as it allows) with
 * every coordinate as long as the grid can make it, fed through the same
 * reducer the pad uses.
 */
function worstDrawing(): InkStroke[] {
  const pen = new PenDriver();
  const perStroke = INK_LIMITS.maxPointsTotal / INK_LIMITS.maxStrokes;
  // -999999.9 and -999997.9 are both 9 characters and 2 px apart (beyond the reducer's 1.5 px minimum).
  const far = (i: number): number => -(INK_LIMITS.maxAbsCoordinate - 0.1) + (i % 2) * 2 - 0.04;
  // The pad keeps drawing past the limits (more strokes, more points): the reducer refuses the excess.
  for (let s = 0; s < INK_LIMITS.maxStrokes + 3; s++) {
    pen.down(...onPadGrid(far(0), far(s)));
    for (let i = 1; i < (s === INK_LIMITS.maxStrokes - 1 ? perStroke + 10 : perStroke); i++) pen.move(...onPadGrid(far(i), far(s)));
    pen.up();
  }
  return pen.state.strokes as InkStroke[];
}

describe('pad grid', () => {
  it('puts points on a 0.1 px grid, within the contract\'s coordinates', () => {
    expect(onPadGrid(123.45678901234567, 0.04999)).toEqual([123.5, 0]);
    expect(onPadGrid(-0.04, 7.25)).toEqual([0, 7.3]);
    expect(Object.is(onPadGrid(-0.04, 0)[0], 0)).toBe(true);
    expect(onPadGrid(5e6, -5e6)).toEqual([INK_LIMITS.maxAbsCoordinate, -INK_LIMITS.maxAbsCoordinate]);
    expect(onPadGrid(Number.NaN, Infinity)).toEqual([0, 0]);
    const random = new SeededRandom(7);
    for (let i = 0; i < 1000; i++) {
      const [x, y] = onPadGrid((random.next() - 0.5) * 4000, (random.next() - 0.5) * 4000);
      expect(JSON.stringify([x, y])).toMatch(/^\[-?\d+(\.\d)?,-?\d+(\.\d)?\]$/);
    }
  });

  it('keeps the largest drawing the pad can make in one ink message under the frame limit', () => {
    const strokes = worstDrawing();
    expect(strokes).toHaveLength(INK_LIMITS.maxStrokes);
    expect(strokes.reduce((n, s) => n + s.length, 0)).toBe(INK_LIMITS.maxPointsTotal);
    expect(strokes[0]![0]).toEqual([-999999.9, -999999.9]);
    const text = JSON.stringify({ type: 'ink', id: Number.MAX_SAFE_INTEGER, strokes });
    expect(bytes(JSON.stringify(strokes))).toBeLessThanOrEqual(MAX_INK_JSON_BYTES);
    expect(bytes(text)).toBeLessThan(MESSAGE_LIMITS.maxFrameBytes);
    expect(MAX_INK_JSON_BYTES + 100).toBeLessThan(MESSAGE_LIMITS.maxFrameBytes);
    // And the hub takes it as it is.
    const parsed = parseClientMessage({ kind: 'text', text, bytes: bytes(text) });
    expect(parsed.ok).toBe(true);
  });

  it('is what it takes: the same drawing with raw pointer coordinates would be refused as too large', () => {
    // What pointer events report on a 1000 px pad: coordinates like 412.83333206176758.
    const random = new SeededRandom(3);
    const perStroke = INK_LIMITS.maxPointsTotal / INK_LIMITS.maxStrokes;
    const strokes = Array.from({ length: INK_LIMITS.maxStrokes }, () => Array.from({ length: perStroke }, () => [random.next() * 1000, random.next() * 1000]));
    const text = JSON.stringify({ type: 'ink', id: 1, strokes });
    expect(bytes(text)).toBeGreaterThan(MESSAGE_LIMITS.maxFrameBytes);
    const parsed = parseClientMessage({ kind: 'text', text, bytes: bytes(text) });
    expect(parsed.ok ? 'accepted' : parsed.error.code).toBe('too-large');
  });
});
