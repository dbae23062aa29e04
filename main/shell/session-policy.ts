// No page in the kiosk can load anything from anywhere but the hub: every
// request to another origin is cancelled before it leaves (the hub's CSP says
// the same from the page's side; this holds even for a page without one).
// Hub responses that lack a CSP get the hub's; the recovery page is a data:
// URL that carries its own.
import { session } from 'electron';
import { contentSecurityPolicy } from '../hub/security-headers.js';
import type { Disposer } from './disposer.js';

/**
 * The hub's origin over http and its WebSocket, and local URLs: data:/blob:
 * (the recovery page, images the page made) and devtools: (development runs
 * only; the installed app has devtools off).
 */
export function isAllowedRequest(url: string, hubOrigin: string): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:') || url.startsWith('devtools:')) return true;
  try {
    const target = new URL(url);
    const hub = new URL(hubOrigin);
    if (target.host !== hub.host) return false;
    return target.protocol === hub.protocol || (hub.protocol === 'http:' && target.protocol === 'ws:');
  } catch {
    return false;
  }
}

export function withContentSecurityPolicy(headers: Record<string, string | string[]> | undefined, host: string): Record<string, string | string[]> {
  const out = { ...headers };
  if (!Object.keys(out).some((name) => name.toLowerCase() === 'content-security-policy')) out['Content-Security-Policy'] = [contentSecurityPolicy(host)];
  return out;
}

export function setupSessionPolicy(hubOrigin: string, log: (message: string) => void = console.warn): Disposer {
  const { webRequest } = session.defaultSession;
  const host = new URL(hubOrigin).host;
  webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequest(details.url, hubOrigin);
    if (!allowed) log(`shell: blocked a request to ${details.url.slice(0, 200)}`);
    callback({ cancel: !allowed });
  });
  webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders, host) });
  });
  return () => {
    webRequest.onBeforeRequest(null);
    webRequest.onHeadersReceived(null);
  };
}
