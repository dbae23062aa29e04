/**
 * GPU process crashes: Chromium restarts its GPU process by itself, so one
 * crash only needs a log line. Repeated crashes (a bad driver, an overheating
 * card) mean the GPU cannot be trusted: the shell then relaunches with
 * hardware acceleration off (WebGL falls back to software rendering).
 */
export interface GpuCrashPolicy {
  /** A GPU crash at `now`: true when it is time to relaunch without the GPU. */
  crashed(now: number): boolean;
  count(): number;
}

export function createGpuCrashPolicy(maxCrashes = 3, windowMs = 10 * 60_000): GpuCrashPolicy {
  let crashes: number[] = [];
  let total = 0;
  return {
    crashed(now) {
      total++;
      crashes = [...crashes.filter((at) => now - at < windowMs), now];
      return crashes.length >= maxCrashes;
    },
    count: () => total,
  };
}
