import type { z } from 'zod';
import { operatorErrorSchema, type OperatorError } from '../../app/contract/operator-error.js';
import { operatorSessionSchema, type OperatorAction } from '../../app/contract/operator-request.js';
import { operatorStateSchema, type OperatorState } from '../../app/contract/operator-state.js';

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: OperatorError };

/**
 * The operator page's side of /api/operator/* (main/hub/operator-routes.ts).
 * The session token lives in this object only (never in storage): a closed
 * overlay or a reloaded page asks for the PIN again.
 */
export class OperatorApi {
  private token: string | undefined;

  get loggedIn(): boolean {
    return this.token !== undefined;
  }

  async login(pin: string): Promise<ApiResult<void>> {
    const result = await this.call('login', { method: 'POST', body: JSON.stringify({ pin }) }, operatorSessionSchema);
    if (!result.ok) return result;
    this.token = result.value.token;
    return { ok: true, value: undefined };
  }

  state(): Promise<ApiResult<OperatorState>> {
    return this.call('state', { method: 'GET' }, operatorStateSchema);
  }

  /** The new state, or null for logout and PIN change (the session has ended then). */
  async action(action: OperatorAction): Promise<ApiResult<OperatorState | null>> {
    const result = await this.call('action', { method: 'POST', body: JSON.stringify(action) }, operatorStateSchema.nullable());
    if (action.action === 'logout' || action.action === 'set-pin') {
      if (result.ok) this.token = undefined;
    }
    return result;
  }

  upload(files: readonly { file: File; name: string }[]): Promise<ApiResult<OperatorState>> {
    const form = new FormData();
    for (const f of files) form.append('file', f.file, f.name);
    return this.call('model', { method: 'POST', body: form }, operatorStateSchema);
  }

  forget(): void {
    this.token = undefined;
  }

  private async call<T>(route: string, init: RequestInit, schema: z.ZodType<T>): Promise<ApiResult<T>> {
    const headers: Record<string, string> = {};
    if (typeof init.body === 'string') headers['Content-Type'] = 'application/json';
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    let response: Response;
    try {
      response = await fetch(`/api/operator/${route}`, { ...init, headers, cache: 'no-store' });
    } catch (error) {
      return { ok: false, error: { type: 'error', code: 'internal', message: `the kiosk did not answer (${String(error)})` } };
    }
    const body: unknown = response.status === 204 ? null : await response.json().catch(() => undefined);
    if (!response.ok) {
      const error = operatorErrorSchema.safeParse(body);
      const value: OperatorError = error.success ? error.data : { type: 'error', code: 'internal', message: `HTTP ${response.status}` };
      if (value.code === 'unauthorized' && route !== 'login') this.token = undefined;
      return { ok: false, error: value };
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) return { ok: false, error: { type: 'error', code: 'internal', message: 'the kiosk answered something unexpected' } };
    return { ok: true, value: parsed.data };
  }
}
