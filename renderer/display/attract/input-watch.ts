/** Visitor input the display itself sees; pen/tablet input arrives as hub frames and is reported by main.ts. */
export type InputKind = 'pointer' | 'touch' | 'key' | 'wheel' | 'pen';

/**
 * Calls `onInput` for every pointer, touch, key and wheel event anywhere on
 * the page, in the capture phase: attract mode must hear the touch before the
 * pad or a button does, so that the visitor's first stroke lands on a live
 * page. Returns the disposer.
 */
export function watchInput(target: Window, onInput: (kind: InputKind) => void): () => void {
  const events: [string, EventListener][] = [
    ['pointerdown', () => onInput('pointer')],
    ['pointermove', () => onInput('pointer')],
    ['touchstart', () => onInput('touch')],
    ['keydown', () => onInput('key')],
    ['wheel', () => onInput('wheel')],
  ];
  const options = { capture: true, passive: true } as const;
  for (const [type, handler] of events) target.addEventListener(type, handler, options);
  return () => {
    for (const [type, handler] of events) target.removeEventListener(type, handler, options);
  };
}
