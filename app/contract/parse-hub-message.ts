import { hubMessageSchema, type HubMessage } from './hub-messages.js';
import { describeIssue } from './parse-client-message.js';

/**
 * The display's entry point for hub frames. The hub is trusted, but a version
 * mismatch after an update must show up as one clear log line, not as
 * undefined values deep inside the renderer.
 */
export function parseHubMessage(text: string): { ok: true; message: HubMessage } | { ok: false; reason: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not valid JSON' };
  }
  const result = hubMessageSchema.safeParse(data);
  return result.success ? { ok: true, message: result.data } : { ok: false, reason: describeIssue(result.error) };
}
