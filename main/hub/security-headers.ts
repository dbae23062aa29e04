import type { ServerResponse } from 'node:http';

/**
 * Headers on every hub response. The CSP allows only the page's own scripts,
 * styles and the hub's WebSocket: no inline script, no eval (zod runs
 * jitless in the page for this), no frames but the hub's own, no third-party anything.
 */
export function contentSecurityPolicy(host: string, framing: Framing = 'none'): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    // 'self' covers ws: only in newer CSP implementations; name it outright.
    `connect-src 'self' ws://${host}`,
    "base-uri 'none'",
    "form-action 'none'",
    // The display embeds the operator page (same origin) as its overlay; nothing else frames or is framed.
    "frame-src 'self'",
    `frame-ancestors ${framing === 'self' ? "'self'" : "'none'"}`,
  ].join('; ');
}

/** 'self': the page may be framed by the hub's own pages (the operator page in the display's overlay). */
export type Framing = 'none' | 'self';

export function applySecurityHeaders(res: ServerResponse, host: string, framing: Framing = 'none'): void {
  res.setHeader('Content-Security-Policy', contentSecurityPolicy(host, framing));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', framing === 'self' ? 'SAMEORIGIN' : 'DENY');
  // COOP only where the origin is trustworthy (loopback): on a plain-http LAN
  // origin (the pen page) browsers ignore it and log a console error.
  if (isLoopbackHost(host)) res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
  // The kiosk serves a local build that changes with every update: never cache.
  res.setHeader('Cache-Control', 'no-store');
}

/** "127.0.0.1:8421", "localhost:8421", "[::1]:8421": a Host header naming this machine. */
function isLoopbackHost(host: string): boolean {
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d+$/, '');
  return name === 'localhost' || name === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(name);
}
