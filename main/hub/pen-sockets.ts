import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { hubError } from '../../app/contract/hub-error.js';
import { parsePenMessage } from '../../app/contract/parse-pen-message.js';
import type { PenHubMessage } from '../../app/contract/pen-hub-messages.js';
import { PEN_CLOSE, PEN_LIMITS, PEN_TIMING } from '../../app/contract/pen-limits.js';
import { createTokenBucket } from '../../app/pairing/token-bucket.js';
import type { HubLog } from './hub-log.js';
import { penHostOf, penOriginAllowed } from './pen-origin.js';
import type { PenPeer, PenRoom } from './pen-room.js';
import { closeSocketServer, rawFrame } from './socket-frames.js';

export interface PenSocketsDeps {
  readonly server: Server;
  readonly room: PenRoom;
  readonly log: HubLog;
  readonly address: () => { host: string; port: number };
  readonly helloTimeoutMs?: number;
  readonly heartbeatMs?: number;
}

/** Beyond this the transport closes the socket (1009) without reading: above the largest `drawing`. */
const HARD_MAX_PAYLOAD = 1024 * 1024;
/** A tablet that cannot keep up skips messages instead of growing the hub's memory. */
const MAX_BUFFERED_BYTES = 256 * 1024;
/** Open pen sockets, all together and per source address (a tablet needs one; a page reload briefly two). */
const MAX_SOCKETS = 64;
const MAX_SOCKETS_PER_ADDRESS = 8;

/**
 * The pen WebSocket at /pen/ws: the one socket a LAN client may open. Each
 * socket pays for its frames from two token buckets (messages, points) before
 * its frames are parsed, so a flooding tablet costs the hub little and cannot
 * delay another tablet's ink; every frame is checked against the contract
 * and answered with a typed error when it is wrong (docs/PROTOCOL.md).
 */
export function setupPenSockets(deps: PenSocketsDeps): { close(): Promise<void>; count(): number } {
  const { log, room } = deps;
  const wss = new WebSocketServer({ noServer: true, maxPayload: HARD_MAX_PAYLOAD, perMessageDeflate: false });
  const perAddress = new Map<string, number>();
  const heard = new Map<WebSocket, number>();
  let warnings = 0;
  const warn = (message: string, fields: Record<string, unknown>): void => {
    if (++warnings <= 20 || warnings % 500 === 0) log.warn(message, { ...fields, warnings });
  };

  function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = (req.url ?? '').split('?', 1)[0];
    if (path !== '/pen/ws') return; // the display sockets answer (or refuse) everything else
    socket.on('error', () => socket.destroy());
    const remote = req.socket.remoteAddress ?? 'unknown';
    const refuse = (status: string, why: string): void => {
      warn('pen websocket refused', { why, remote, origin: req.headers.origin });
      socket.once('finish', () => socket.destroy());
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    const host = penHostOf(req.headers.host, deps.address().port);
    if (!host) return refuse('403 Forbidden', 'host not an address, .local name or localhost');
    if (!penOriginAllowed(req.headers.origin, host)) return refuse('403 Forbidden', 'foreign origin');
    if (wss.clients.size >= MAX_SOCKETS || (perAddress.get(remote) ?? 0) >= MAX_SOCKETS_PER_ADDRESS) return refuse('503 Service Unavailable', 'too many pen sockets');
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws, remote));
  }

  function onConnection(ws: WebSocket, remote: string): void {
    perAddress.set(remote, (perAddress.get(remote) ?? 0) + 1);
    heard.set(ws, Date.now());
    const start = Date.now();
    const messages = createTokenBucket(PEN_LIMITS.messageBurst, PEN_LIMITS.messagesPerSecond, start);
    const points = createTokenBucket(PEN_LIMITS.pointsBurst, PEN_LIMITS.pointsPerSecond, start);
    let state: 'new' | 'authenticating' | 'ready' | 'closed' = 'new';
    let dropped = 0;
    let lastRateError = 0;
    let queue: Promise<unknown> = Promise.resolve();

    const peer: PenPeer = {
      remote,
      send: (message: PenHubMessage) => {
        if (ws.readyState === ws.OPEN && ws.bufferedAmount <= MAX_BUFFERED_BYTES) ws.send(JSON.stringify(message));
      },
      close: (code, reason) => {
        state = 'closed';
        ws.close(code, reason);
      },
    };
    const helloTimer = setTimeout(() => {
      if (state !== 'new' && state !== 'authenticating') return;
      peer.send(hubError('hello-required', 'no hello in time'));
      peer.close(PEN_CLOSE.helloTimeout, 'hello timeout');
    }, deps.helloTimeoutMs ?? PEN_TIMING.helloTimeoutMs);

    function overBudget(wait: number, what: string): void {
      dropped++;
      if (dropped > PEN_LIMITS.maxDroppedBeforeClose) {
        warn('pen flooding, closed', { remote, dropped });
        peer.send({ ...hubError('rate-limited', 'too many messages dropped; closing'), retryAfterMs: 10_000 });
        return peer.close(PEN_CLOSE.tooMany, 'rate limited');
      }
      const now = Date.now();
      if (now - lastRateError >= 250) {
        lastRateError = now;
        peer.send({ ...hubError('rate-limited', `over the ${what} budget; message dropped`), retryAfterMs: wait });
      }
    }

    ws.on('pong', () => heard.set(ws, Date.now()));
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (state === 'closed') return;
      const now = Date.now();
      heard.set(ws, now);
      const wait = messages.take(1, now);
      if (wait > 0) return overBudget(wait, 'message');
      const parsed = parsePenMessage(rawFrame(data, isBinary, PEN_LIMITS.maxDrawingFrameBytes));
      if (!parsed.ok) {
        warn('bad pen frame', { remote, code: parsed.error.code, message: parsed.error.message });
        return peer.send(parsed.error);
      }
      const message = parsed.message;
      if (state === 'new') {
        if (message.type !== 'hello') {
          peer.send(hubError('hello-required', `send hello before "${message.type}"`));
          return peer.close(PEN_CLOSE.unauthorized, 'hello required');
        }
        state = 'authenticating';
        // Messages sent right behind the hello wait for it instead of being refused.
        queue = room.hello(peer, message).then(
          (deviceId) => {
            if (deviceId && state === 'authenticating') {
              state = 'ready';
              clearTimeout(helloTimer);
            } else if (deviceId) {
              // Closed while its pairing was being saved: the room added a peer that is gone.
              room.leave(peer);
            }
          },
          (error: unknown) => {
            log.error('pen hello failed', { error: String(error) });
            peer.send(hubError('internal', 'pairing failed'));
            peer.close(1011, 'internal');
          },
        );
        return;
      }
      if (message.type === 'hello') return peer.send(hubError('hello-required', 'hello was already accepted on this connection'));
      if (message.type === 'ping') return peer.send({ type: 'pong', ...(message.t === undefined ? {} : { t: message.t }), hubTime: Date.now() });
      const n = message.type === 'drawing' ? message.strokes.reduce((sum, s) => sum + s.length, 0) : 'points' in message ? message.points.length : 0;
      const pointWait = n > 0 ? points.take(n, now) : 0;
      if (pointWait > 0) return overBudget(pointWait, 'point');
      const run = (): void => {
        if (state === 'ready') room.ink(peer, message);
      };
      if (state === 'ready') run();
      else queue = queue.then(run);
    });
    ws.on('error', (error) => warn('pen websocket error', { remote, error: error.message }));
    ws.on('close', () => {
      state = 'closed';
      clearTimeout(helloTimer);
      heard.delete(ws);
      const left = (perAddress.get(remote) ?? 1) - 1;
      if (left > 0) perAddress.set(remote, left);
      else perAddress.delete(remote);
      room.leave(peer);
    });
  }

  // A tablet that went to sleep or left the Wi-Fi never sends a close.
  const heartbeat = setInterval(() => {
    const now = Date.now();
    for (const ws of wss.clients) {
      if (now - (heard.get(ws) ?? 0) > PEN_TIMING.hubSilenceLimitMs) ws.terminate();
      else ws.ping();
    }
  }, deps.heartbeatMs ?? 10_000);
  heartbeat.unref();

  deps.server.on('upgrade', onUpgrade);
  return {
    count: () => wss.clients.size,
    close: async () => {
      clearInterval(heartbeat);
      deps.server.off('upgrade', onUpgrade);
      await closeSocketServer(wss, PEN_CLOSE.goingAway);
    },
  };
}
