import os from 'node:os';

/**
 * The address a tablet should use: this machine's first private IPv4
 * address when the hub serves the LAN (any IPv4 one if none is private;
 * link-local 169.254/16 only as a last resort), else loopback. The QR code
 * carries an address, not a name: guest Wi-Fi rarely resolves mDNS names.
 */
export function lanAddressOf(interfaces = os.networkInterfaces()): string | undefined {
  const v4 = Object.values(interfaces)
    .flat()
    .filter((a): a is os.NetworkInterfaceInfo => !!a && a.family === 'IPv4' && !a.internal)
    .map((a) => a.address);
  const isPrivate = (a: string): boolean => /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(a);
  return v4.find(isPrivate) ?? v4.find((a) => !a.startsWith('169.254.')) ?? v4[0];
}

export function penUrlOf(host: string, port: number, token: string): string {
  const h = host.includes(':') ? `[${host}]` : host;
  return `http://${h}:${port}/pen/#pair=${token}`;
}
