/** `#pair=<token>` from the QR code; the caller removes it from the address bar. */
export function pairTokenOf(hash: string): string | undefined {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('pair');
  return token && /^[A-Za-z0-9_-]{16,128}$/.test(token) ? token : undefined;
}
