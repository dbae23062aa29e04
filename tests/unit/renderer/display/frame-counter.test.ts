import { describe, expect, it } from 'vitest';
import { createFrameCounter } from '../../../../renderer/display/frame-counter.js';

// The counting half of the display's frame-rate meter, fed with made-up
// animation-frame timestamps (the rAF loop around it is three lines).
describe('createFrameCounter', () => {
  it('has no rate before any frame', () => {
    expect(createFrameCounter().fps(1000)).toBeNull();
  });

  it('measures 60 frames a second over its window', () => {
    const counter = createFrameCounter(5_000);
    for (let i = 0; i <= 600; i++) counter.tick(i * (1000 / 60));
    expect(counter.fps(10_000)).toBe(60);
  });

  it('reads 0 when frames stopped coming (a hung or hidden page)', () => {
    const counter = createFrameCounter(5_000);
    for (let i = 0; i < 100; i++) counter.tick(i * 16);
    expect(counter.fps(60_000)).toBe(0);
  });

  it('keeps only its ring of timestamps, however long it runs', () => {
    const counter = createFrameCounter(100_000);
    for (let i = 0; i < 5_000; i++) counter.tick(i * 10);
    // 1024 frames, 10 ms apart: still 100 fps.
    expect(counter.fps(49_990)).toBe(100);
  });
});
