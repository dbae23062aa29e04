/**
 * The hidden gesture that opens the operator menu on the exhibit screen:
 * `count` taps in the top-left corner within `windowMs`. A visitor tapping
 * around the screen does not trigger it by chance: a tap anywhere else
 * starts the count afresh. Pure (the caller passes positions and times).
 */
export interface CornerTapRules {
  readonly count: number;
  readonly windowMs: number;
  /** Side of the corner square, CSS pixels from the top-left. */
  readonly cornerPx: number;
}

export const CORNER_TAPS: CornerTapRules = { count: 5, windowMs: 3_000, cornerPx: 80 };

export interface CornerTaps {
  /** One tap (pointer down) at (x, y) at time t ms; true when it completes the gesture (the count starts afresh). */
  tap(x: number, y: number, t: number): boolean;
  reset(): void;
}

export function createCornerTaps(rules: CornerTapRules = CORNER_TAPS): CornerTaps {
  let times: number[] = [];
  return {
    tap(x, y, t) {
      if (!(x >= 0 && y >= 0 && x < rules.cornerPx && y < rules.cornerPx)) {
        times = [];
        return false;
      }
      // A clock that went backwards (or a stale event) starts afresh rather than counting.
      times = times.filter((s) => t >= s && t - s <= rules.windowMs);
      times.push(t);
      if (times.length < rules.count) return false;
      times = [];
      return true;
    },
    reset() {
      times = [];
    },
  };
}
