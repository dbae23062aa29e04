import { describe, expect, it } from 'vitest';
import type { TimelineFrame } from '../../../../app/contract/timeline-frame.js';
import { encodeBase64 } from '../../../../app/model/base64.js';
import { encodeFloat16 } from '../../../../app/model/float16.js';
import { decodeTimelineFrame, mixInto, pairAt } from '../../../../renderer/display/timeline-mix.js';

describe('pairAt', () => {
  it('splits a position into two neighbouring snapshots and a mix', () => {
    expect(pairAt(0, 35)).toEqual({ a: 0, b: 1, t: 0 });
    expect(pairAt(5.25, 35)).toEqual({ a: 5, b: 6, t: 0.25 });
    expect(pairAt(34, 35)).toEqual({ a: 34, b: 34, t: 0 });
  });

  it('clamps what a scrubber could never send: outside the timeline, NaN, a timeline of one', () => {
    expect(pairAt(-3, 35)).toEqual({ a: 0, b: 1, t: 0 });
    expect(pairAt(99, 35)).toEqual({ a: 34, b: 34, t: 0 });
    expect(pairAt(Number.NaN, 35)).toEqual({ a: 0, b: 1, t: 0 });
    expect(pairAt(0.5, 1)).toEqual({ a: 0, b: 0, t: 0 });
  });
});

describe('decodeTimelineFrame', () => {
  const entry = (id: string, hidden: number[]) => ({ snapshotId: id, probabilities: [0.25, 0.75], hidden: encodeBase64(encodeFloat16(hidden)) });
  const frame = (snapshots: TimelineFrame['snapshots']): TimelineFrame => ({ type: 'timeline-frame', seq: 1, inkId: null, empty: false, modelId: 'm', snapshots, passMs: 1 });

  it('splits each snapshot\'s float16 block into the hidden layers', () => {
    const [e] = decodeTimelineFrame(frame([entry('s', [1, 2, 3, 0.5, 0.25])]), [3, 2]);
    expect(Array.from(e!.hidden[0]!)).toEqual([1, 2, 3]);
    expect(Array.from(e!.hidden[1]!)).toEqual([0.5, 0.25]);
    expect(Array.from(e!.probabilities)).toEqual([0.25, 0.75]);
  });

  it('refuses a block of the wrong length (a hub of another model or version)', () => {
    expect(() => decodeTimelineFrame(frame([entry('s', [1, 2])]), [3, 2])).toThrow(/2 hidden values, expected 5/);
  });
});

describe('mixInto', () => {
  it('mixes two snapshots\' values into a buffer made once', () => {
    const out = new Float32Array(3);
    expect(Array.from(mixInto(out, [0, 2, 4], [4, 2, 0], 0.25))).toEqual([1, 2, 3]);
    expect(Array.from(mixInto(out, [1, 1, 1], [3, 3, 3], 0))).toEqual([1, 1, 1]);
  });
});
