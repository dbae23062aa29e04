import { describe, expect, it } from 'vitest';
import { INK_LIMITS } from '../../../../app/contract/limits.js';
import { applyInk, emptyDrawing, strokesOf } from '../../../../main/hub/pen-drawing.js';
import { penHostOf, penOriginAllowed } from '../../../../main/hub/pen-origin.js';

describe('pen drawing', () => {
  it('builds strokes from begin/points/end, undo and clear, dropping pressure for recognition', () => {
    const d = emptyDrawing();
    expect(applyInk(d, { type: 'stroke-begin', stroke: 0, points: [[1, 2, 0.5]] })).toEqual({ changed: true });
    expect(applyInk(d, { type: 'stroke-points', stroke: 0, points: [[3, 4]] })).toEqual({ changed: true });
    expect(applyInk(d, { type: 'stroke-end', stroke: 0 })).toEqual({ changed: false });
    expect(applyInk(d, { type: 'stroke-begin', stroke: 1, points: [] })).toEqual({ changed: true });
    expect(strokesOf(d)).toEqual([[[1, 2], [3, 4]]]);
    expect(d.points).toBe(2);
    expect(applyInk(d, { type: 'undo' })).toEqual({ changed: true });
    expect(applyInk(d, { type: 'clear' })).toEqual({ changed: true });
    expect(applyInk(d, { type: 'clear' })).toEqual({ changed: false });
    expect(d).toEqual(emptyDrawing());
  });

  it('says out-of-sync for stroke numbers it did not expect, and a lower begin overwrites from there', () => {
    const d = emptyDrawing();
    expect(applyInk(d, { type: 'stroke-begin', stroke: 2, points: [] })).toMatchObject({ error: 'out-of-sync' });
    applyInk(d, { type: 'drawing', strokes: [[[0, 0]], [[1, 1]], [[2, 2]]] });
    // After a whole drawing its last stroke stays open: the visitor may be drawing it right now.
    expect(applyInk(d, { type: 'stroke-points', stroke: 2, points: [[3, 3]] })).toEqual({ changed: true });
    expect(applyInk(d, { type: 'stroke-points', stroke: 1, points: [[3, 3]] })).toMatchObject({ error: 'out-of-sync' });
    applyInk(d, { type: 'stroke-end', stroke: 2 });
    expect(applyInk(d, { type: 'stroke-points', stroke: 2, points: [[4, 4]] })).toMatchObject({ error: 'out-of-sync' });
    expect(applyInk(d, { type: 'stroke-end', stroke: 5 })).toMatchObject({ error: 'out-of-sync' });
    applyInk(d, { type: 'stroke-begin', stroke: 1, points: [[9, 9]] });
    expect(strokesOf(d)).toEqual([[[0, 0]], [[9, 9]]]);
    expect(d.points).toBe(2);
  });

  it('a whole drawing sent mid-stroke is continued by the stroke\'s next points, not answered with out-of-sync', () => {
    const d = emptyDrawing();
    applyInk(d, { type: 'stroke-begin', stroke: 0, points: [[0, 0]] });
    applyInk(d, { type: 'drawing', strokes: [[[0, 0], [1, 1]]] });
    expect(applyInk(d, { type: 'stroke-points', stroke: 0, points: [[2, 2]] })).toEqual({ changed: true });
    expect(applyInk(d, { type: 'stroke-end', stroke: 0 })).toEqual({ changed: false });
    expect(strokesOf(d)).toEqual([[[0, 0], [1, 1], [2, 2]]]);
  });

  it('holds the ink limits and leaves the drawing as it was', () => {
    const d = emptyDrawing();
    applyInk(d, { type: 'stroke-begin', stroke: 0, points: [] });
    const batch = Array.from({ length: 256 }, (_, i): [number, number] => [i, i]);
    for (let i = 0; i < INK_LIMITS.maxPointsPerStroke / 256; i++) expect(applyInk(d, { type: 'stroke-points', stroke: 0, points: batch })).toEqual({ changed: true });
    expect(applyInk(d, { type: 'stroke-points', stroke: 0, points: [[0, 0]] })).toMatchObject({ error: 'too-large' });
    expect(d.points).toBe(INK_LIMITS.maxPointsPerStroke);
  });
});

describe('pen host and origin', () => {
  it('accepts IP literals, .local names and localhost on the hub port; refuses other names (DNS rebinding)', () => {
    expect(penHostOf('192.0.2.2:8421', 8421)).toBe('192.0.2.2:8421');
    expect(penHostOf('[fe80::1]:8421', 8421)).toBe('[fe80::1]:8421');
    expect(penHostOf('Kiosk.local:8421', 8421)).toBe('kiosk.local:8421');
    expect(penHostOf('localhost:8421', 8421)).toBe('localhost:8421');
    expect(penHostOf('192.0.2.2:8422', 8421)).toBeUndefined();
    expect(penHostOf('evil.example:8421', 8421)).toBeUndefined();
    expect(penHostOf('192.0.2.2.nip.io:8421', 8421)).toBeUndefined();
    expect(penHostOf(undefined, 8421)).toBeUndefined();
    expect(penOriginAllowed(undefined, '192.0.2.2:8421')).toBe(true);
    expect(penOriginAllowed('http://192.0.2.2:8421', '192.0.2.2:8421')).toBe(true);
    expect(penOriginAllowed('https://192.0.2.2:8421', '192.0.2.2:8421')).toBe(false);
    expect(penOriginAllowed('null', '192.0.2.2:8421')).toBe(false);
  });
});
