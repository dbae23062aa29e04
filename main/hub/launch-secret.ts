import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The per-launch secret that display and operator clients present. It lives
 * in the display URL's fragment, which browsers never send in requests,
 * Referer headers or server logs.
 */
export function createLaunchSecret(): string {
  return randomBytes(24).toString('base64url');
}

/** Constant-time comparison; hashing first hides the secret's length too. */
export function secretMatches(expected: string, given: string | undefined): boolean {
  if (given === undefined) return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(given).digest();
  return timingSafeEqual(a, b);
}
