import { isIP } from 'node:net';

/**
 * Loopback checks for the display and operator endpoints. The socket's
 * address says where a request came from; the Host header check refuses DNS
 * rebinding (a web page whose own host name resolves to 127.0.0.1).
 */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isIP(v4) === 4) return v4.startsWith('127.');
  return address === '::1';
}

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** True for "127.0.0.1:PORT", "localhost:PORT" and "[::1]:PORT" with the hub's own port. */
export function isLoopbackHost(hostHeader: string | undefined, port: number): boolean {
  if (!hostHeader) return false;
  const match = /^(\[[0-9a-fA-F:.]+\]|[^:]+)(?::(\d+))?$/.exec(hostHeader.toLowerCase());
  if (!match) return false;
  const [, name = '', portText] = match;
  const hostPort = portText === undefined ? 80 : Number(portText);
  return hostPort === port && (LOOPBACK_NAMES.has(name) || /^127(\.\d{1,3}){3}$/.test(name));
}
