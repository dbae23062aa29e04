import { randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Operator sessions: a random token per login, ended by logout or by
 * `idleMs` without a request. Few at once (a kiosk has one or two
 * operators); the oldest is dropped when more log in.
 */
export interface OperatorSessions {
  create(nowMs: number): string;
  /** True (and the idle clock restarts) when `token` is a live session. */
  touch(token: string | undefined, nowMs: number): boolean;
  end(token: string | undefined): void;
  /** Every session ends (the PIN changed). */
  endAll(): void;
}

const MAX_SESSIONS = 8;

export function createOperatorSessions(idleMs: number): OperatorSessions {
  const sessions = new Map<string, number>();
  const find = (token: string | undefined): string | undefined => {
    if (!token || token.length > 100) return undefined;
    const given = Buffer.from(token);
    for (const key of sessions.keys()) {
      const known = Buffer.from(key);
      if (known.length === given.length && timingSafeEqual(known, given)) return key;
    }
    return undefined;
  };
  return {
    create(nowMs) {
      const token = randomBytes(24).toString('base64url');
      sessions.set(token, nowMs);
      if (sessions.size > MAX_SESSIONS) sessions.delete(sessions.keys().next().value as string);
      return token;
    },
    touch(token, nowMs) {
      const key = find(token);
      if (key === undefined) return false;
      const last = sessions.get(key) ?? 0;
      sessions.delete(key);
      if (nowMs - last > idleMs) return false;
      sessions.set(key, nowMs);
      return true;
    },
    end(token) {
      const key = find(token);
      if (key !== undefined) sessions.delete(key);
    },
    endAll() {
      sessions.clear();
    },
  };
}
