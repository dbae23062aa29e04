import type { DrawerView } from './pen-messages.js';

/** The drawer rule at a glance: draw now, or wait about this many seconds. */
export type Turn = { readonly kind: 'yours' } | { readonly kind: 'wait'; readonly seconds: number };

/**
 * `since` is when the pen learned that someone else holds the pen (a drawer
 * message or a not-your-turn refusal, which both mean the holder just drew).
 * The countdown is an estimate from the idle take-over time: if the other
 * visitor keeps drawing it stays at 1 s until the hub says the turn moved.
 */
export function turnOf(drawer: DrawerView, since: number, now: number): Turn {
  if (drawer.active || drawer.holder === null || drawer.free === true) return { kind: 'yours' };
  const left = drawer.idleTakeoverMs - (now - since);
  return { kind: 'wait', seconds: Math.max(1, Math.ceil(left / 1000)) };
}
