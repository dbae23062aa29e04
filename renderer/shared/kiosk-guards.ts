/**
 * A visitor cannot select text, open a context menu, drag images, pinch- or
 * ctrl-wheel-zoom, or scroll the page. CSS does most of it (display.css);
 * these listeners close what CSS cannot. Returns the disposer.
 */
export function setupKioskGuards(target: Window = window): () => void {
  const prevent = (e: Event): void => e.preventDefault();
  const wheel = (e: WheelEvent): void => {
    if (e.ctrlKey) e.preventDefault();
  };
  const keys = (e: KeyboardEvent): void => {
    // Browser zoom shortcuts, and the ones that open a browser dialog or bar (print, save, open, find).
    if ((e.ctrlKey || e.metaKey) && ['+', '-', '=', '0', 'p', 's', 'o', 'f', 'g'].includes(e.key.toLowerCase())) e.preventDefault();
    // Keys that scroll or find: the page never scrolls, and a stray keyboard must not open a find bar.
    if (['F3', 'PageUp', 'PageDown', 'Home', 'End'].includes(e.key)) e.preventDefault();
  };
  // Two fingers on a touch screen: no pinch zoom, whatever touch-action a child element has.
  const touches = (e: TouchEvent): void => {
    if (e.touches.length > 1) e.preventDefault();
  };
  // The middle button starts autoscroll on Chromium.
  const middle = (e: MouseEvent): void => {
    if (e.button === 1) e.preventDefault();
  };
  const options = { passive: false } as const;
  const events: [string, EventListener][] = [
    ['contextmenu', prevent],
    ['selectstart', prevent],
    ['dragstart', prevent],
    ['gesturestart', prevent],
    ['wheel', wheel as EventListener],
    ['keydown', keys as EventListener],
    ['touchmove', touches as EventListener],
    ['touchstart', touches as EventListener],
    ['mousedown', middle as EventListener],
    ['auxclick', middle as EventListener],
  ];
  for (const [type, handler] of events) target.addEventListener(type, handler, options);
  return () => {
    for (const [type, handler] of events) target.removeEventListener(type, handler);
  };
}
