import type { ClientErrorMessage } from '../../app/contract/client-error.js';
import type { HubLog } from './hub-log.js';

export interface ClientErrorLogOptions {
  /** Errors logged in full per window; the rest are only counted. */
  readonly perWindow?: number;
  readonly windowMs?: number;
  readonly now?: () => number;
}

/**
 * The hub's log of one display's page errors. A page stuck in an error loop
 * (a throw in every animation frame) would otherwise write 60 lines a second
 * for months: the first few per minute are logged in full, the rest counted
 * and summed up in one line when the next window opens.
 */
export function createClientErrorLog(log: HubLog, options: ClientErrorLogOptions = {}): (error: ClientErrorMessage) => void {
  const perWindow = options.perWindow ?? 5;
  const windowMs = options.windowMs ?? 60_000;
  const now = options.now ?? Date.now;
  let windowStart = -Infinity;
  let logged = 0;
  let suppressed = 0;

  return (error) => {
    const t = now();
    if (t - windowStart >= windowMs) {
      if (suppressed > 0) log.warn('display page errors not logged (rate limit)', { suppressed });
      windowStart = t;
      logged = 0;
      suppressed = 0;
    }
    if (logged >= perWindow) {
      suppressed++;
      return;
    }
    logged++;
    log.error('display page error', { kind: error.kind, message: error.message, ...(error.stack ? { stack: error.stack } : {}), ...(error.source ? { source: error.source } : {}) });
  };
}
