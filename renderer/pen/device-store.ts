/**
 * The tablet's device token lives in localStorage so it reconnects by itself
 * after a Wi-Fi drop, a reload or a kiosk restart. Private browsing may
 * refuse storage: then pairing lasts for this page load only.
 */
const KEY = 'mlp-kiosk.pen.device-token';

export function loadDeviceToken(): string | undefined {
  try {
    return localStorage.getItem(KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

export function saveDeviceToken(token: string | undefined): void {
  try {
    if (token) localStorage.setItem(KEY, token);
    else localStorage.removeItem(KEY);
  } catch {
    // Storage refused: the session keeps the token in memory.
  }
}

/** Random per page load, 8-64 chars: lets the hub tell two pages of one device apart. */
export function newClientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
