import { penHubMessageSchema } from '../../app/contract/pen-hub-messages.js';
import type { PenHubMessage } from '../../app/pen/pen-messages.js';

/**
 * Hub frames checked against the contract: the hub is trusted, but a hub of
 * another version must be one warning, not undefined values deep in the page.
 */
export function parsePenMessage(text: string): PenHubMessage | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  const result = penHubMessageSchema.safeParse(data);
  return result.success ? result.data : undefined;
}
