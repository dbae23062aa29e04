import type { RecentProblem } from '../../app/contract/operator-state.js';
import type { HubLog } from './hub-log.js';

/**
 * The hub's log with its last warnings and errors kept in memory (a bounded
 * ring) for the operator's health page: what went wrong lately, without
 * opening a log file on the exhibit PC.
 */
export function recordProblems(log: HubLog, capacity = 50): { log: HubLog; recent(): RecentProblem[] } {
  const ring: RecentProblem[] = [];
  const keep = (level: 'warn' | 'error', message: string, fields?: Readonly<Record<string, unknown>>): void => {
    let detail: string;
    try {
      detail = fields ? JSON.stringify(fields) : '';
    } catch {
      detail = '(fields not serialisable)';
    }
    ring.push({ at: Date.now(), level, message: message.slice(0, 300), detail: detail.slice(0, 500) });
    if (ring.length > capacity) ring.shift();
  };
  return {
    log: {
      info: (message, fields) => log.info(message, fields),
      warn: (message, fields) => {
        keep('warn', message, fields);
        log.warn(message, fields);
      },
      error: (message, fields) => {
        keep('error', message, fields);
        log.error(message, fields);
      },
    },
    recent: () => ring.slice().reverse(),
  };
}
