import { createCornerTaps } from '../../app/kiosk/corner-taps.js';

/**
 * The operator menu over the display: a same-origin iframe of
 * /operator/?embedded=1 covering the whole screen, so visitors' touches
 * cannot reach the wall beneath while it is open. It opens on the hidden
 * gesture (five taps in the top-left corner within 3 s, app/kiosk/corner-taps.ts)
 * or on Ctrl+Alt+O, and closes when the menu says so (lock, close, idle).
 * Returns the disposer.
 */
export function setupOperatorOverlay(target: Window, language: () => string, onOpenChange: (open: boolean) => void, idleMs?: number): () => void {
  const taps = createCornerTaps();
  let overlay: HTMLDivElement | undefined;
  let frame: HTMLIFrameElement | undefined;

  function open(): void {
    if (overlay) return;
    overlay = document.createElement('div');
    overlay.id = 'operator-overlay';
    overlay.className = 'operator-overlay';
    frame = document.createElement('iframe');
    frame.title = 'Operator menu';
    frame.src = `/operator/?embedded=1&lang=${encodeURIComponent(language())}${idleMs ? `&idleMs=${idleMs}` : ''}`;
    overlay.append(frame);
    document.body.append(overlay);
    frame.addEventListener('load', () => frame?.focus(), { once: true });
    onOpenChange(true);
  }

  let closing: ReturnType<typeof setTimeout> | undefined;
  function close(): void {
    clearTimeout(closing);
    closing = undefined;
    if (!overlay) return;
    overlay.remove();
    overlay = undefined;
    frame = undefined;
    onOpenChange(false);
  }

  /** Closed from the display's side (the chord again): the menu logs out first and then asks to close; removed anyway if it does not answer. */
  function requestClose(): void {
    if (!frame || closing) return;
    frame.contentWindow?.postMessage({ type: 'operator-lock' }, location.origin);
    closing = setTimeout(close, 2_000);
  }

  const onPointer = (e: PointerEvent): void => {
    if (overlay) return;
    if (taps.tap(e.clientX, e.clientY, e.timeStamp)) open();
  };
  const onKey = (e: KeyboardEvent): void => {
    if (e.ctrlKey && e.altKey && e.key.toLowerCase() === 'o') {
      e.preventDefault();
      if (overlay) requestClose();
      else open();
    }
  };
  const onMessage = (e: MessageEvent<unknown>): void => {
    if (e.origin !== location.origin || !frame || e.source !== frame.contentWindow) return;
    if ((e.data as { type?: string } | null)?.type === 'operator-close') close();
  };
  target.addEventListener('pointerdown', onPointer, { capture: true });
  target.addEventListener('keydown', onKey);
  target.addEventListener('message', onMessage);
  return () => {
    close();
    target.removeEventListener('pointerdown', onPointer, { capture: true });
    target.removeEventListener('keydown', onKey);
    target.removeEventListener('message', onMessage);
  };
}
