import { existsSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import path from 'node:path';
import { hubError, type HubErrorCode } from '../../app/contract/hub-error.js';
import { LIVE_VERSION_HEADER, LIVE_WEIGHTS_PATH } from '../../app/contract/live-training.js';
import type { ModelResponse } from '../../app/contract/model-info.js';
import type { PairingInfo } from '../../app/contract/pairing-info.js';
import type { DevicesResponse } from '../../app/contract/pen-devices.js';
import { WEIGHTS_CONTENT_TYPE } from '../../app/contract/snapshot-weights-layout.js';
import { backendNotesOf } from '../inference/backend.js';
import type { AttractDigits } from './attract-digits.js';
import { HubFailure } from './hub-failure.js';
import type { HubLog } from './hub-log.js';
import { secretMatches } from './launch-secret.js';
import { isLoopbackAddress, isLoopbackHost } from './loopback.js';
import type { ModelSlot } from './model-slot.js';
import { isOperatorPath } from './operator-routes.js';
import { packWeights } from './pack-weights.js';
import { penHostOf } from './pen-origin.js';
import { applySecurityHeaders } from './security-headers.js';
import { resolveStaticFile, sendStaticFile } from './static-files.js';

export interface HttpRoutesDeps {
  readonly server: Server;
  /** The built display page (dist/renderer/display). */
  readonly displayDir: string;
  readonly secret: string;
  readonly slot: ModelSlot;
  readonly log: HubLog;
  /** The bound address, known once listening. */
  readonly address: () => { host: string; port: number };
  /** The built pen page (dist/renderer/pen), the one thing LAN clients may load. */
  readonly penDir?: string;
  /** Paired tablets, for GET/DELETE /api/devices. */
  readonly devices?: DeviceAdmin;
  /** The current QR URL and PIN, for GET /api/pairing (the operator menu, tools pairing a pen). */
  readonly pairing?: () => PairingInfo;
  /** Real MNIST test digits as strokes for the display's attract mode. */
  readonly attractDigits?: AttractDigits;
  /** The newest live-training weights (live-training-hub.ts), for GET /api/live-training/weights. */
  readonly liveWeights?: () => { readonly version: number; readonly body: Buffer } | undefined;
  /** The operator page and API (operator-routes.ts), for loopback and LAN peers alike. */
  readonly operator?: (req: IncomingMessage, res: ServerResponse, rawPath: string) => Promise<void>;
}

export interface DeviceAdmin {
  list(): DevicesResponse['devices'];
  /** False when there is no such device. */
  revoke(id: string): Promise<boolean>;
}

/**
 * The hub's HTTP side. Everything but the pen page is for loopback clients
 * (the display and, later, the operator overlay); a LAN client gets 404 for
 * all of it.
 *   GET /pen/...                       the built pen page (static; LAN too)
 *   /operator/..., /api/operator/...   the operator menu (operator-routes.ts; LAN too, PIN-gated)
 *   GET /display/...                   the built display page (static)
 *   GET /api/devices                   paired tablets (Bearer secret)
 *   DELETE /api/devices/:id            unpair one; its sockets close with 4401 (Bearer secret)
 *   GET /api/pairing                   the current QR URL, PIN and their expiry (Bearer secret)
 *   GET /api/model                     model metadata (Bearer secret)
 *   GET /api/attract-digits?seed=N     MNIST test digits as strokes for attract mode (Bearer secret)
 *   GET /api/snapshots/:id/weights     one snapshot's weights, binary (Bearer secret)
 *   GET /api/live-training/weights     the live run's newest weights, binary, X-Live-Version (Bearer secret)
 */
export function setupHttpRoutes(deps: HttpRoutesDeps): () => void {
  if (!existsSync(path.join(deps.displayDir, 'index.html'))) {
    deps.log.warn('display page is not built; run `npm run build`', { displayDir: deps.displayDir });
  }
  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    handle(req, res, deps).catch((error: unknown) => {
      deps.log.error('request failed', { url: req.url?.slice(0, 200), error: String(error) });
      if (!res.headersSent) sendError(res, 500, 'internal', 'internal error');
      else res.destroy();
    });
  };
  deps.server.on('request', onRequest);
  return () => deps.server.off('request', onRequest);
}

async function handle(req: IncomingMessage, res: ServerResponse, deps: HttpRoutesDeps): Promise<void> {
  const { port, host } = deps.address();
  const loopback = isLoopbackAddress(req.socket.remoteAddress) && isLoopbackHost(req.headers.host, port);
  // The raw path, not a WHATWG URL: URL parsing would quietly resolve dot
  // segments, and we would rather refuse them.
  const rawPath = (req.url ?? '').split(/[?#]/, 1)[0] ?? '';
  if (rawPath === '/pen' || rawPath.startsWith('/pen/')) return handlePen(req, res, rawPath, deps, port);
  if (deps.operator && isOperatorPath(rawPath)) return deps.operator(req, res, rawPath);
  applySecurityHeaders(res, loopback ? (req.headers.host as string) : `${host}:${port}`);
  if (!loopback || !rawPath.startsWith('/')) return sendError(res, 404, 'not-found', 'not found');

  const device = /^\/api\/devices\/([A-Za-z0-9_-]{1,64})$/.exec(rawPath);
  if (device && req.method === 'DELETE') {
    if (!secretMatches(deps.secret, bearer(req))) return sendError(res, 401, 'unauthorized', 'missing or wrong secret');
    if (!deps.devices || !(await deps.devices.revoke(device[1] as string))) return sendError(res, 404, 'not-found', 'no such device');
    res.writeHead(204).end();
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    return sendError(res, 405, 'bad-request', 'method not allowed');
  }

  if (rawPath === '/display') {
    // Browsers keep the #fragment (and with it the secret) across redirects.
    res.writeHead(301, { Location: '/display/' }).end();
    return;
  }
  if (rawPath.startsWith('/display/')) {
    const file = await resolveStaticFile(deps.displayDir, rawPath.slice('/display/'.length));
    if (!file) return sendError(res, 404, 'not-found', 'not found');
    return sendStaticFile(res, file, req.method === 'HEAD');
  }

  if (rawPath.startsWith('/api/')) {
    if (!secretMatches(deps.secret, bearer(req))) return sendError(res, 401, 'unauthorized', 'missing or wrong secret');
  }
  if (rawPath === '/api/devices') {
    const body: DevicesResponse = { devices: deps.devices?.list() ?? [] };
    return sendJson(res, 200, body, req.method === 'HEAD');
  }
  if (rawPath === '/api/pairing' && deps.pairing) {
    return sendJson(res, 200, deps.pairing(), req.method === 'HEAD');
  }
  if (rawPath === '/api/model') {
    const { info, snapshotId, backend } = deps.slot.current();
    const body: ModelResponse = { model: info, snapshotId, backend: backend.name, backendNotes: backendNotesOf(backend) };
    return sendJson(res, 200, body, req.method === 'HEAD');
  }
  if (rawPath === '/api/attract-digits' && deps.attractDigits) {
    const seed = Number(new URLSearchParams((req.url ?? '').split('?')[1] ?? '').get('seed') ?? NaN);
    const body = await deps.attractDigits.pick(Number.isInteger(seed) && seed >= 0 ? seed : undefined);
    return sendJson(res, 200, body, req.method === 'HEAD');
  }
  if (rawPath === LIVE_WEIGHTS_PATH) {
    const live = deps.liveWeights?.();
    if (!live) return sendError(res, 404, 'not-found', 'no live training weights now');
    res.writeHead(200, { 'Content-Type': WEIGHTS_CONTENT_TYPE, 'Content-Length': live.body.length, [LIVE_VERSION_HEADER]: String(live.version) });
    res.end(req.method === 'HEAD' ? undefined : live.body);
    return;
  }
  const weights = /^\/api\/snapshots\/([^/]{1,600})\/weights$/.exec(rawPath);
  if (weights) {
    let id: string;
    try {
      id = decodeURIComponent(weights[1] as string);
    } catch {
      return sendError(res, 400, 'bad-request', 'bad snapshot id');
    }
    try {
      const body = packWeights(await deps.slot.snapshotWeights(id));
      res.writeHead(200, { 'Content-Type': WEIGHTS_CONTENT_TYPE, 'Content-Length': body.length });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (error) {
      if (!(error instanceof HubFailure)) throw error;
      sendError(res, error.code === 'unknown-snapshot' ? 404 : 500, error.code, error.message);
    }
    return;
  }
  sendError(res, 404, 'not-found', 'not found');
}

/**
 * The pen page, for any peer. Its CSP names the host the tablet used (an IP
 * literal or .local name, see penHostOf), so the page can open /pen/ws there;
 * other Host names get 404, as a DNS-rebinding page would.
 */
async function handlePen(req: IncomingMessage, res: ServerResponse, rawPath: string, deps: HttpRoutesDeps, port: number): Promise<void> {
  const host = penHostOf(req.headers.host, port);
  applySecurityHeaders(res, host ?? `127.0.0.1:${port}`);
  if (!host || !deps.penDir) return sendError(res, 404, 'not-found', 'not found');
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    return sendError(res, 405, 'bad-request', 'method not allowed');
  }
  if (rawPath === '/pen') {
    // Browsers keep the #pair= fragment across redirects.
    res.writeHead(301, { Location: '/pen/' }).end();
    return;
  }
  const file = await resolveStaticFile(deps.penDir, rawPath.slice('/pen/'.length));
  if (!file) return sendError(res, 404, 'not-found', 'not found');
  return sendStaticFile(res, file, req.method === 'HEAD');
}

function bearer(req: IncomingMessage): string | undefined {
  const match = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '');
  return match?.[1];
}

function sendJson(res: ServerResponse, status: number, body: unknown, headOnly = false): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(headOnly ? undefined : text);
}

function sendError(res: ServerResponse, status: number, code: HubErrorCode, message: string): void {
  sendJson(res, status, hubError(code, message));
}
