import { attractDigitsResponseSchema, type AttractDigitsResponse } from '../../../app/contract/attract-digits.js';

/** A handful of real MNIST test digits as strokes from the hub, checked against the contract; `seed` fixes the handful (tests). */
export async function fetchAttractDigits(secret: string, seed?: number): Promise<AttractDigitsResponse> {
  const query = seed === undefined ? '' : `?seed=${seed}`;
  const response = await fetch(`/api/attract-digits${query}`, { headers: { Authorization: `Bearer ${secret}` }, cache: 'no-store' });
  if (!response.ok) throw new Error(`attract digits: HTTP ${response.status}`);
  return attractDigitsResponseSchema.parse(await response.json());
}
