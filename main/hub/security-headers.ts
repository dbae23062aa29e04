import type { ServerResponse } from 'node:http';

/**
 * Headers on every hub response. The CSP allows only the page's own scripts,
 * styles and the hub's WebSocket: no inline script, no eval (zod runs
 * jitless in the page for this), no frames, no third-party anything.
 */
export function contentSecurityPolicy(host: string): string {
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
    "frame-ancestors 'none'",
  ].join('; ');
}

export function applySecurityHeaders(res: ServerResponse, host: string): void {
  res.setHeader('Content-Security-Policy', contentSecurityPolicy(host));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
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
