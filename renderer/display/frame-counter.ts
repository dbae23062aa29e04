/**
 * Frames per second from animation-frame timestamps, in a fixed ring (nothing
 * allocated per frame). No DOM here: frame-rate-meter.ts feeds it from
 * requestAnimationFrame, tests feed it their own timestamps.
 */
const RING = 1024;

export function createFrameCounter(windowMs = 5_000) {
  const times = new Float64Array(RING);
  let count = 0;
  let next = 0;
  return {
    tick(t: number): void {
      times[next] = t;
      next = (next + 1) % RING;
      if (count < RING) count++;
    },
    fps(now: number): number | null {
      let frames = 0;
      let oldest = now;
      for (let i = 1; i <= count; i++) {
        const t = times[(next - i + RING) % RING] ?? 0;
        if (now - t > windowMs) break;
        frames++;
        oldest = t;
      }
      if (frames < 2) return count === 0 ? null : 0;
      return Math.round(((frames - 1) * 1000) / Math.max(1, now - oldest) * 10) / 10;
    },
  };
}

