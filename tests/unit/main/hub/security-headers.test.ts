import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { applySecurityHeaders } from '../../../../main/hub/security-headers.js';

function headersFor(host: string): Record<string, string> {
  const headers: Record<string, string> = {};
  applySecurityHeaders({ setHeader: (k: string, v: string) => (headers[k] = v) } as unknown as ServerResponse, host);
  return headers;
}

describe('security headers', () => {
  it('send COOP only to loopback origins (browsers ignore it on plain-http LAN origins and log an error)', () => {
    for (const host of ['127.0.0.1:8421', 'localhost:8421', '[::1]:8421']) expect(headersFor(host)['Cross-Origin-Opener-Policy'], host).toBe('same-origin');
    for (const host of ['192.0.2.2:8421', 'kiosk.local:8421', '[fe80::1]:8421']) expect(headersFor(host)['Cross-Origin-Opener-Policy'], host).toBeUndefined();
    expect(headersFor('192.0.2.2:8421')['Content-Security-Policy']).toContain("connect-src 'self' ws://192.0.2.2:8421");
  });
});
