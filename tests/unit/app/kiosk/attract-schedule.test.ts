import { describe, expect, it } from 'vitest';
import { attractPosition, attractScenes, digitNumber, strokesPrefix } from '../../../../app/kiosk/attract-schedule.js';

describe('attract schedule', () => {
  it('leaves out scenes whose part is missing', () => {
    expect(attractScenes({ timeline: false, camera: false })).toEqual(['digit', 'digit', 'cta']);
    expect(attractScenes({ timeline: true, camera: true })).toEqual(['digit', 'digit', 'timeline', 'camera', 'cta']);
  });

  it('keeps only the scenes the operator chose, in loop order, and the call to action when none can play', () => {
    expect(attractScenes({ timeline: true, camera: true }, ['cta', 'digit'])).toEqual(['digit', 'digit', 'cta']);
    expect(attractScenes({ timeline: true, camera: false }, ['camera', 'timeline'])).toEqual(['timeline']);
    expect(attractScenes({ timeline: false, camera: false }, ['camera'])).toEqual(['cta']);
  });

  it('plays the scenes in order and loops, with the time into each scene', () => {
    const scenes = attractScenes({ timeline: true, camera: false });
    expect(attractPosition(scenes, 1000, 0)).toEqual({ loop: 0, index: 0, scene: 'digit', t: 0 });
    expect(attractPosition(scenes, 1000, 2500)).toEqual({ loop: 0, index: 2, scene: 'timeline', t: 0.5 });
    expect(attractPosition(scenes, 1000, 3999)).toMatchObject({ loop: 0, scene: 'cta' });
    expect(attractPosition(scenes, 1000, 4000)).toEqual({ loop: 1, index: 0, scene: 'digit', t: 0 });
    // Hours in: still a plain position, nothing accumulated.
    expect(attractPosition(scenes, 1000, 36_000_250)).toEqual({ loop: 9_000, index: 0, scene: 'digit', t: 0.25 });
  });

  it('draws a new digit each digit scene', () => {
    const scenes = attractScenes({ timeline: false, camera: false });
    const numbers = [0, 1000, 3000, 4000, 6000].map((ms) => digitNumber(scenes, attractPosition(scenes, 1000, ms)));
    expect(numbers).toEqual([0, 1, 2, 3, 4]);
  });

  it('reveals a drawing stroke by stroke', () => {
    const strokes = [[1, 2, 3, 4], [5, 6]];
    expect(strokesPrefix(strokes, 0)).toEqual([]);
    expect(strokesPrefix(strokes, 0.5)).toEqual([[1, 2, 3]]);
    expect(strokesPrefix(strokes, 5 / 6)).toEqual([[1, 2, 3, 4], [5]]);
    expect(strokesPrefix(strokes, 1)).toEqual(strokes);
  });
});
