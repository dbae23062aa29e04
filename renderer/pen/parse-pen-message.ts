import type { PenHubMessage } from '../../app/pen/pen-messages.js';

const TYPES = new Set(['paired', 'pen-welcome', 'drawer', 'guess', 'pong', 'error']);

/**
 * A light check of hub frames until the hub's zod schemas for the pen
 * (app/contract/pen-*.ts) land: the hub is trusted, but a frame of another
 * version must be one warning, not undefined values deep in the page.
 */
export function parsePenMessage(text: string): PenHubMessage | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null) return undefined;
  const type = (data as { type?: unknown }).type;
  return typeof type === 'string' && TYPES.has(type) ? (data as PenHubMessage) : undefined;
}
