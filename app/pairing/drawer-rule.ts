/**
 * One active drawer: the first pen to draw holds the turn; another pen may
 * take it once the holder has drawn nothing for `idleTakeoverMs`; the holder
 * frees it at once by clearing. Pure (clock passed in); pens are identified
 * by their device id, so a tablet that reconnects keeps its turn.
 */
export interface DrawerSnapshot {
  readonly holder: string | null;
  /** True when anyone may take the turn by drawing (no holder, or the holder is idle). */
  readonly free: boolean;
}

export interface DrawerRule {
  /** Ink from `pen`: true when it may draw now (it holds the turn afterwards). */
  ink(pen: string, nowMs: number): boolean;
  /** `pen` cleared (or was revoked): if it held the turn, nobody does now. */
  release(pen: string): void;
  state(nowMs: number): DrawerSnapshot;
  /** When the holder becomes idle (for a timer that announces it), or null. */
  idleAt(): number | null;
}

export function createDrawerRule(idleTakeoverMs: number): DrawerRule {
  let holder: string | null = null;
  let lastInk = 0;
  const free = (nowMs: number): boolean => holder === null || nowMs - lastInk >= idleTakeoverMs;
  return {
    ink(pen, nowMs) {
      if (holder !== pen && !free(nowMs)) return false;
      holder = pen;
      lastInk = nowMs;
      return true;
    },
    release(pen) {
      if (holder === pen) holder = null;
    },
    state: (nowMs) => ({ holder, free: free(nowMs) }),
    idleAt: () => (holder === null ? null : lastInk + idleTakeoverMs),
  };
}
