import { CLIENT_ERROR_LIMITS, type ClientErrorMessage } from '../../app/contract/client-error.js';

export interface ErrorReportOptions {
  /** Shows the calm fallback to visitors. */
  readonly show: () => void;
  /** Sends to the hub; false when not connected (the report waits for the next connection). */
  readonly send: (message: ClientErrorMessage) => boolean;
  /** Reports sent per minute at most; the hub limits too, this spares the socket. */
  readonly perMinute?: number;
}

export interface ErrorReport {
  /** Sends what waited for a connection (call after the hub's welcome). */
  flush(): void;
  /** Reports seen so far (tests). */
  readonly count: number;
  dispose(): void;
}

const MAX_WAITING = 5;
const cut = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/**
 * An uncaught error or unhandled rejection anywhere in the page: the visitor
 * sees a calm line instead of a stack trace (the pad, the bars and the hub
 * connection keep working where they can), and the hub gets a bounded report
 * for the operator's log (app/contract/client-error.ts).
 */
export function setupErrorReport(options: ErrorReportOptions): ErrorReport {
  const perMinute = options.perMinute ?? 10;
  const waiting: ClientErrorMessage[] = [];
  let windowStart = 0;
  let sent = 0;
  let count = 0;

  function report(message: ClientErrorMessage): void {
    count++;
    options.show();
    const now = Date.now();
    if (now - windowStart >= 60_000) {
      windowStart = now;
      sent = 0;
    }
    if (sent >= perMinute) return;
    sent++;
    if (!options.send(message) && waiting.length < MAX_WAITING) waiting.push(message);
  }

  function describe(kind: ClientErrorMessage['kind'], reason: unknown, source?: string): ClientErrorMessage {
    const error = reason instanceof Error ? reason : undefined;
    const text = error ? `${error.name}: ${error.message}` : typeof reason === 'string' ? reason : safeString(reason);
    return {
      type: 'client-error',
      kind,
      message: cut(text, CLIENT_ERROR_LIMITS.maxMessage),
      ...(error?.stack ? { stack: cut(error.stack, CLIENT_ERROR_LIMITS.maxStack) } : {}),
      ...(source ? { source: cut(source, CLIENT_ERROR_LIMITS.maxSource) } : {}),
    };
  }

  const onError = (e: ErrorEvent): void => report(describe('error', e.error ?? e.message, e.filename ? `${e.filename}:${e.lineno}:${e.colno}` : undefined));
  const onRejection = (e: PromiseRejectionEvent): void => report(describe('unhandledrejection', e.reason));
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  return {
    flush() {
      while (waiting.length && options.send(waiting[0] as ClientErrorMessage)) waiting.shift();
    },
    get count() {
      return count;
    },
    dispose() {
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
    },
  };
}

function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    return 'unprintable rejection';
  }
}
