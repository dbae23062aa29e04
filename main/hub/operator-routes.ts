import { rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import type { z } from 'zod';
import { operatorError, type OperatorError } from '../../app/contract/operator-error.js';
import { OPERATOR_LIMITS, operatorActionSchema, operatorLoginSchema, type OperatorSession } from '../../app/contract/operator-request.js';
import type { HubLog } from './hub-log.js';
import { installUpload, ModelUploadError, parseUpload, removeStaleUploads } from './model-upload.js';
import { runOperatorAction } from './operator-actions.js';
import type { OperatorDeps } from './operator-deps.js';
import { createOperatorPinCheck } from './operator-login.js';
import { createOperatorSessions } from './operator-sessions.js';
import { operatorStateOf } from './operator-state-of.js';
import { penHostOf } from './pen-origin.js';
import { BodyTooLargeError, readBody } from './read-body.js';
import { applySecurityHeaders } from './security-headers.js';
import { createSerialQueue } from './serial-queue.js';
import { resolveStaticFile, sendStaticFile } from './static-files.js';

/** True for the paths the operator routes answer. */
export function isOperatorPath(rawPath: string): boolean {
  return rawPath === '/operator' || rawPath.startsWith('/operator/') || rawPath.startsWith('/api/operator/');
}

/**
 * The operator menu over HTTP, for loopback (the display's overlay) and the
 * LAN (a laptop) alike; the PIN and its lockout are the gate for both.
 *   GET  /operator/...           the built operator page (may be framed by the hub's own pages)
 *   POST /api/operator/login     {pin} -> {type:'operator-session', token, idleMs}
 *   GET  /api/operator/state     the menu's state (Bearer token)
 *   POST /api/operator/action    one operatorActionSchema request -> the new state (Bearer token)
 *   POST /api/operator/model     multipart files (an .onnx, or an export folder) -> the new state (Bearer token)
 * Every body is read with a size limit and checked against app/contract/operator-request.ts;
 * a bad one gets a typed error (app/contract/operator-error.ts), never a crash.
 */
export function createOperatorRoutes(deps: OperatorDeps): (req: IncomingMessage, res: ServerResponse, rawPath: string) => Promise<void> {
  const now = deps.now ?? Date.now;
  const pin = createOperatorPinCheck(deps.lockout, now);
  const sessions = createOperatorSessions(OPERATOR_LIMITS.sessionIdleMs);
  // Model uploads one at a time: two would race for the model slot and the disk.
  const uploads = createSerialQueue();
  if (deps.stateDir) {
    const stateDir = deps.stateDir;
    void uploads(() => removeStaleUploads(stateDir)).catch((error: unknown) => deps.log.warn('could not remove stale model uploads', { error: String(error) }));
  }

  return async (req, res, rawPath) => {
    const { port } = deps.address();
    // An IP literal, a .local name or localhost: any other Host could be a DNS-rebinding page.
    const host = penHostOf(req.headers.host, port);
    const isPage = !rawPath.startsWith('/api/');
    applySecurityHeaders(res, host ?? `127.0.0.1:${port}`, isPage ? 'self' : 'none');
    if (!host) return send(res, 404, operatorError('not-found', 'not found'));
    if (isPage) return servePage(req, res, rawPath, deps.operatorDir);

    const remote = req.socket.remoteAddress ?? '';
    const route = rawPath.slice('/api/operator/'.length);
    const method = req.method ?? 'GET';
    const allowed: Record<string, string> = { login: 'POST', state: 'GET', action: 'POST', model: 'POST' };
    if (!(route in allowed)) return send(res, 404, operatorError('not-found', 'no such operator endpoint'));
    if (method !== allowed[route]) {
      res.setHeader('Allow', allowed[route] as string);
      return send(res, 405, operatorError('bad-request', `use ${allowed[route]} for /api/operator/${route}`));
    }
    // Browsers send Origin on POST: only the hub's own pages may post (no cross-site forms).
    const origin = req.headers.origin;
    if (method === 'POST' && origin !== undefined && origin.toLowerCase() !== `http://${host}`) return send(res, 403, operatorError('unauthorized', 'foreign origin'));

    if (route === 'login') {
      const body = await readJson(req, res, operatorLoginSchema);
      if (!body) return;
      const refused = await pin.check(body.pin, remote, deps.settings.get().operatorPin);
      if (refused) {
        if (refused.code !== 'no-pin') deps.log.warn('operator login refused', { remote, code: refused.code });
        return send(res, refused.code === 'locked-out' ? 429 : 401, refused);
      }
      deps.log.info('operator logged in', { remote });
      const session: OperatorSession = { type: 'operator-session', token: sessions.create(now()), idleMs: OPERATOR_LIMITS.sessionIdleMs };
      return send(res, 200, session);
    }

    const token = /^Bearer (\S{1,100})$/.exec(req.headers.authorization ?? '')?.[1];
    if (!sessions.touch(token, now())) {
      // Drain nothing: the connection closes, so an unauthenticated client cannot make the hub read an upload.
      if (method === 'POST') res.setHeader('Connection', 'close');
      return send(res, 401, operatorError('unauthorized', 'log in with the operator PIN (the session ended or never began)'));
    }
    if (route === 'state') return send(res, 200, await operatorStateOf(deps));
    if (route === 'action') {
      const action = await readJson(req, res, operatorActionSchema);
      if (!action) return;
      const outcome = await runOperatorAction(action, deps, { remote, token, pin, sessions });
      if (outcome.error) return send(res, statusOf(outcome.error), outcome.error);
      if (action.action === 'logout' || action.action === 'set-pin') {
        res.writeHead(204).end();
        return;
      }
      send(res, 200, await operatorStateOf(deps));
      if (outcome.after) res.once('finish', outcome.after);
      return;
    }
    // route === 'model'
    if (!deps.stateDir) {
      res.setHeader('Connection', 'close');
      return send(res, 409, operatorError('not-available', 'uploads need a state folder: start the kiosk with --state-dir (the installed kiosk has one)'));
    }
    const stateDir = deps.stateDir;
    let body: Buffer;
    try {
      body = await readBody(req, OPERATOR_LIMITS.maxUploadBytes);
    } catch (error) {
      return tooLargeOrGone(res, error, deps.log);
    }
    const error = await uploads(async () => {
      try {
        const file = await installUpload(stateDir, await parseUpload(body, req.headers['content-type'] ?? ''), deps.loadModel);
        await deps.switchModel(file).catch(async (e: unknown) => {
          // Loaded once already, so this is rare (e.g. the backend would not start): the upload goes, the model in use stays.
          await rm(path.dirname(file), { recursive: true, force: true });
          throw new ModelUploadError(e instanceof Error ? e.message : String(e));
        });
        await deps.settings.update((s) => ({ ...s, modelPath: file, snapshotId: null }));
        deps.log.info('operator uploaded a model', { file });
        return undefined;
      } catch (e) {
        if (e instanceof ModelUploadError) {
          deps.log.warn('model upload refused; the model in use stays', { error: e.message });
          return operatorError('model-error', e.message);
        }
        throw e;
      }
    });
    if (error) return send(res, 422, error);
    return send(res, 200, await operatorStateOf(deps));
  };
}

async function servePage(req: IncomingMessage, res: ServerResponse, rawPath: string, dir: string): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    return send(res, 405, operatorError('bad-request', 'method not allowed'));
  }
  if (rawPath === '/operator') {
    res.writeHead(301, { Location: '/operator/' }).end();
    return;
  }
  const file = await resolveStaticFile(dir, rawPath.slice('/operator/'.length));
  if (!file) return send(res, 404, operatorError('not-found', 'not found'));
  return sendStaticFile(res, file, req.method === 'HEAD');
}

/** Reads and checks a JSON body; on any problem answers with a typed error and returns undefined. */
async function readJson<T>(req: IncomingMessage, res: ServerResponse, schema: z.ZodType<T>): Promise<T | undefined> {
  if (!/^application\/json(;|$)/i.test(req.headers['content-type'] ?? '')) {
    res.setHeader('Connection', 'close');
    send(res, 415, operatorError('bad-request', 'send JSON (Content-Type: application/json)'));
    return undefined;
  }
  let body: Buffer;
  try {
    body = await readBody(req, OPERATOR_LIMITS.maxJsonBytes);
  } catch (error) {
    tooLargeOrGone(res, error);
    return undefined;
  }
  let data: unknown;
  try {
    data = JSON.parse(body.toString('utf8'));
  } catch {
    send(res, 400, operatorError('bad-request', 'the body is not valid JSON'));
    return undefined;
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    send(res, 400, operatorError('bad-request', `${issue?.path.length ? issue.path.join('.') : '(body)'}: ${issue?.message ?? 'invalid'}`));
    return undefined;
  }
  return parsed.data;
}

function tooLargeOrGone(res: ServerResponse, error: unknown, log?: HubLog): void {
  if (error instanceof BodyTooLargeError) {
    // The rest of the body is not read: close the connection after the answer.
    res.setHeader('Connection', 'close');
    return send(res, 413, operatorError('too-large', error.message));
  }
  log?.warn('operator request body not read', { error: String(error) });
  res.destroy();
}

function statusOf(error: OperatorError): number {
  switch (error.code) {
    case 'unauthorized':
    case 'no-pin':
      return 401;
    case 'locked-out':
      return 429;
    case 'not-found':
    case 'unknown-snapshot':
      return 404;
    case 'not-available':
      return 409;
    case 'bad-request':
      return 400;
    case 'model-error':
    case 'settings-error':
    case 'update-error':
      return 422;
    default:
      return 500;
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}
