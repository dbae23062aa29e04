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
/** Warnings per minute before the log only counts them (a flood must not fill the disk, nor go unseen for months). */
const WARNINGS_PER_MINUTE = 20;

/**
 * The pen WebSocket at /pen/ws: the one socket a LAN client may open. Each
 * socket pays for its frames from token buckets (messages and bytes before a
 * frame is parsed, points after), so a flooding tablet costs the hub little
 * and cannot delay another tablet's ink; every frame is checked against the
 * contract and answered with a typed error when it is wrong, and invalid
 * frames count as dropped ones (docs/PROTOCOL.md). Before its hello a socket
 * may send one small frame, and only a few sockets may wait for theirs, so
 * sockets that never pair cannot keep paired tablets out.
 */
export function setupPenSockets(deps: PenSocketsDeps): { close(): Promise<void>; count(): number } {
  const { log, room } = deps;
  const wss = new WebSocketServer({ noServer: true, maxPayload: HARD_MAX_PAYLOAD, perMessageDeflate: false });
  const perAddress = new Map<string, number>();
  const pendingPerAddress = new Map<string, number>();
  let pending = 0;
  const heard = new Map<WebSocket, number>();
  let windowStart = 0;
  let warnings = 0;
  let unlogged = 0;
  const warn = (message: string, fields: Record<string, unknown>): void => {
    const now = Date.now();
    if (now - windowStart >= 60_000) {
      if (unlogged > 0) log.warn('pen warnings not logged in the last minute', { count: unlogged });
      windowStart = now;
      warnings = 0;
      unlogged = 0;
    }
    if (++warnings <= WARNINGS_PER_MINUTE) log.warn(message, fields);
    else unlogged++;
  };
  const count = (map: Map<string, number>, key: string, delta: number): void => {
    const next = (map.get(key) ?? 0) + delta;
    if (next > 0) map.set(key, next);
    else map.delete(key);
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
    if (wss.clients.size >= PEN_LIMITS.maxSockets || (perAddress.get(remote) ?? 0) >= PEN_LIMITS.maxSocketsPerAddress) return refuse('503 Service Unavailable', 'too many pen sockets');
    if (pending >= PEN_LIMITS.maxPendingSockets || (pendingPerAddress.get(remote) ?? 0) >= PEN_LIMITS.maxPendingSocketsPerAddress) {
      return refuse('503 Service Unavailable', 'too many pen sockets waiting for their hello');
    }
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws, remote));
  }

  function onConnection(ws: WebSocket, remote: string): void {
    count(perAddress, remote, 1);
    count(pendingPerAddress, remote, 1);
    pending++;
    let isPending = true;
    const settle = (): void => {
      if (!isPending) return;
      isPending = false;
      pending--;
      count(pendingPerAddress, remote, -1);
    };
    heard.set(ws, Date.now());
    const start = Date.now();
    const messages = createTokenBucket(PEN_LIMITS.messageBurst, PEN_LIMITS.messagesPerSecond, start);
    const bytes = createTokenBucket(PEN_LIMITS.bytesBurst, PEN_LIMITS.bytesPerSecond, start);
    const points = createTokenBucket(PEN_LIMITS.pointsBurst, PEN_LIMITS.pointsPerSecond, start);
    let state: 'new' | 'authenticating' | 'ready' | 'closed' = 'new';
    let dropped = 0;
    let lastRateError = 0;
    let trailingError: NodeJS.Timeout | undefined;
    let queue: Promise<unknown> = Promise.resolve();

    const peer: PenPeer = {
      remote,
      send: (message: PenHubMessage) => {
        if (ws.readyState === ws.OPEN && ws.bufferedAmount <= MAX_BUFFERED_BYTES) ws.send(JSON.stringify(message));
      },
      close: (code, reason) => {
        state = 'closed';
        ws.close(code, reason);
        // A peer that never answers the close (a dead link, a hostile client) must not hold the socket.
        setTimeout(() => ws.terminate(), 2_000).unref();
      },
    };
    const helloTimer = setTimeout(() => {
      if (state !== 'new' && state !== 'authenticating') return;
      peer.send(hubError('hello-required', 'no hello in time'));
      peer.close(PEN_CLOSE.helloTimeout, 'hello timeout');
    }, deps.helloTimeoutMs ?? PEN_TIMING.helloTimeoutMs);

    /** A message was dropped (over a budget, or invalid): counted, and closed after too many. */
    function drop(): boolean {
      dropped++;
      if (dropped <= PEN_LIMITS.maxDroppedBeforeClose) return false;
      warn('pen flooding, closed', { remote, dropped });
      peer.send({ ...hubError('rate-limited', 'too many messages dropped; closing'), retryAfterMs: 10_000 });
      peer.close(PEN_CLOSE.tooMany, 'rate limited');
      return true;
    }

    function overBudget(wait: number, what: string): void {
      if (drop()) return;
      const error = { ...hubError('rate-limited', `over the ${what} budget; message dropped`), retryAfterMs: wait };
      const now = Date.now();
      if (now - lastRateError >= 250) {
        lastRateError = now;
        return peer.send(error);
      }
      // Throttled, but never silent: the pen repairs its ink only after an error, so the last drop
      // in a window gets one at the window's end.
      trailingError ??= setTimeout(() => {
        trailingError = undefined;
        lastRateError = Date.now();
        if (state !== 'closed') peer.send(error);
      }, 250 - (now - lastRateError));
    }

    ws.on('pong', () => heard.set(ws, Date.now()));
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (state === 'closed') return;
      const now = Date.now();
      heard.set(ws, now);
      const frame = rawFrame(data, isBinary, PEN_LIMITS.maxDrawingFrameBytes);
      if (state === 'new' && frame.bytes > PEN_LIMITS.maxHelloFrameBytes) {
        peer.send(hubError('too-large', `frame of ${frame.bytes} bytes before hello; a hello is at most ${PEN_LIMITS.maxHelloFrameBytes}`));
        return peer.close(PEN_CLOSE.unauthorized, 'hello required');
      }
      const wait = Math.max(messages.take(1, now), bytes.take(frame.bytes, now));
      if (wait > 0) return overBudget(wait, 'message');
      const parsed = parsePenMessage(frame);
      if (!parsed.ok) {
        warn('bad pen frame', { remote, code: parsed.error.code, message: parsed.error.message });
        peer.send(parsed.error);
        // Before hello there is nothing to keep the socket open for.
        if (state === 'new') return peer.close(PEN_CLOSE.unauthorized, 'hello required');
        drop();
        return;
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
              settle();
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
      clearTimeout(trailingError);
      heard.delete(ws);
      count(perAddress, remote, -1);
      settle();
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
