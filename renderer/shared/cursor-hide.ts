/**
 * Hides the mouse cursor after `idleMs` without mouse movement and shows it
 * again on the next move: a kiosk with a mouse attached (or a touch screen
 * that reports a mouse) should not park an arrow over the exhibit. Touch and
 * pen never show it. Returns the disposer.
 */
export function setupCursorHide(body: HTMLElement, idleMs = 3_000): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hide = (): void => body.classList.add('cursor-idle');
  const onMove = (e: PointerEvent): void => {
    if (e.pointerType !== 'mouse') return;
    body.classList.remove('cursor-idle');
    clearTimeout(timer);
    timer = setTimeout(hide, idleMs);
  };
  timer = setTimeout(hide, idleMs);
  window.addEventListener('pointermove', onMove, { capture: true, passive: true });
  return () => {
    clearTimeout(timer);
    window.removeEventListener('pointermove', onMove, { capture: true });
  };
}
