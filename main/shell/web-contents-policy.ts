// Every web page the app creates (the kiosk window, and anything a page might
// try to open) stays on the hub's display origin: no new windows, no
// navigation or redirect elsewhere, no <webview>. A visitor cannot leave the
// exhibit by any link, drag or script.
import { app, type WebContents } from 'electron';
import type { Disposer } from './disposer.js';

export function isAllowedNavigation(url: string, allowedOrigin: string): boolean {
  try {
    return new URL(url).origin === allowedOrigin;
  } catch {
    return false;
  }
}

export function setupWebContentsPolicy(allowedOrigin: string): Disposer {
  const guard = (event: { url: string; preventDefault(): void }): void => {
    if (!isAllowedNavigation(event.url, allowedOrigin)) event.preventDefault();
  };
  const onCreated = (_event: unknown, contents: WebContents): void => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', guard);
    contents.on('will-redirect', guard);
    contents.on('will-attach-webview', (event) => event.preventDefault());
  };
  app.on('web-contents-created', onCreated);
  return () => {
    app.off('web-contents-created', onCreated);
  };
}
