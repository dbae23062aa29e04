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
    // Browser zoom shortcuts.
    if ((e.ctrlKey || e.metaKey) && ['+', '-', '=', '0'].includes(e.key)) e.preventDefault();
  };
  const options = { passive: false } as const;
  const events: [string, EventListener][] = [
    ['contextmenu', prevent],
    ['selectstart', prevent],
    ['dragstart', prevent],
    ['gesturestart', prevent],
    ['wheel', wheel as EventListener],
    ['keydown', keys as EventListener],
  ];
  for (const [type, handler] of events) target.addEventListener(type, handler, options);
  return () => {
    for (const [type, handler] of events) target.removeEventListener(type, handler);
  };
}
