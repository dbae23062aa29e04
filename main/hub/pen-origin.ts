import { isIP } from 'node:net';

/**
 * The Host a pen may use: an IP literal, a `*.local` (mDNS) name or
 * localhost, with the hub's port. Any other name could be an attacker's
 * domain re-pointed at this hub (DNS rebinding), so it is refused. Returns
 * the host header lower-cased, or undefined.
 */
export function penHostOf(hostHeader: string | undefined, port: number): string | undefined {
  if (!hostHeader || hostHeader.length > 300) return undefined;
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(hostHeader.toLowerCase());
  if (!match) return undefined;
  const [, name = '', portText] = match;
  if ((portText === undefined ? 80 : Number(portText)) !== port) return undefined;
  const bare = name.replace(/^\[(.*)\]$/, '$1');
  const ok = isIP(bare) !== 0 || name === 'localhost' || /^[a-z0-9]([a-z0-9-]{0,62}\.)*[a-z0-9-]{1,63}\.local$/.test(name);
  return ok ? hostHeader.toLowerCase() : undefined;
}

/** Browsers send Origin on every WebSocket: it must be the page the hub served on this same host. */
export function penOriginAllowed(origin: string | undefined, host: string): boolean {
  return origin === undefined || origin.toLowerCase() === `http://${host}`;
}
