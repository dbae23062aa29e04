/**
 * The key the PIN lockout counts wrong PINs under, for a socket's remote
 * address. IPv4 (also written as ::ffff:a.b.c.d by a dual-stack listener)
 * counts per address. IPv6 counts per /64: a client owns a whole /64 and can
 * pick a fresh address for every guess.
 */
export function lockoutKeyOf(remote: string): string {
  const address = remote.toLowerCase().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '').replace(/%.*$/, '');
  if (!address.includes(':')) return address;
  const [head = '', tail = ''] = address.split('::', 2);
  const left = head ? head.split(':') : [];
  const right = address.includes('::') && tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => (g.replace(/^0+(?=.)/, '') || '0'))
    .join(':')}::/64`;
}
