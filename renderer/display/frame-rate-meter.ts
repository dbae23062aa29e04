import { createFrameCounter } from './frame-counter.js';

/**
 * The display's frame rate for its heartbeat: how many animation frames the
 * browser granted over the last few seconds. Its own requestAnimationFrame
 * loop (the stage renders only on demand, so its frames say nothing when the
 * exhibit rests); a fixed ring of timestamps, so nothing is allocated per frame.
 */
export interface FrameRateMeter {
  /** Frames per second over the window, or null before the first frames. */
  fps(): number | null;
  dispose(): void;
}

export function startFrameRateMeter(windowMs = 5_000): FrameRateMeter {
  const counter = createFrameCounter(windowMs);
  let handle = 0;
  const step = (t: number): void => {
    counter.tick(t);
    handle = requestAnimationFrame(step);
  };
  handle = requestAnimationFrame(step);
  return {
    fps: () => counter.fps(performance.now()),
    dispose: () => cancelAnimationFrame(handle),
  };
}
