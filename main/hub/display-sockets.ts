import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { hubError } from '../../app/contract/hub-error.js';
import type { HubMessage } from '../../app/contract/hub-messages.js';
import { MESSAGE_LIMITS } from '../../app/contract/limits.js';
import { parseClientMessage } from '../../app/contract/parse-client-message.js';
import { backendNotesOf } from '../inference/backend.js';
import { createDisplaySession, type SessionDeps } from './display-session.js';
import type { HubLog } from './hub-log.js';
import type { TimelineFrame } from '../../app/contract/timeline-frame.js';
import { isLoopbackAddress, isLoopbackHost } from './loopback.js';
import { closeSocketServer, rawFrame } from './socket-frames.js';
import type { DisplayHealth } from '../../app/kiosk/watchdog-check.js';

export interface DisplaySocketsDeps extends Omit<SessionDeps, 'announceSnapshot' | 'setTimelineOpen'> {
  readonly server: Server;
  readonly log: HubLog;
  readonly address: () => { host: string; port: number };
  /** How long a socket may stay without a hello. */
  readonly helloTimeoutMs?: number;
  readonly heartbeatMs?: number;
  /** Messages a display gets once its hello is accepted, after the welcome (e.g. the pairing panel's). */
  readonly greeting?: () => HubMessage[];
  /** Told how many displays have the timeline open whenever that changes. */
  readonly onTimelineWatchers?: (count: number) => void;
  /** The clock heartbeats are stamped with (tests pass their own). */
  readonly now?: () => number;
}

export interface DisplaySockets {
  /** Sends to every display that said hello. */
  broadcast(message: HubMessage): void;
  /** Sends to the displays that have the timeline open. */
  sendTimeline(frame: TimelineFrame): void;
  count(): number;
  /** The displays' heartbeats (hello and pings, with the page's frame rate): the shell's watchdog reads this. */
  health(): DisplayHealth;
  close(): Promise<void>;
}

/** A display that cannot keep up skips frames instead of growing the hub's memory. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

/**
 * The display WebSocket at /ws: loopback only, same-origin browsers only,
 * per-launch secret in the hello. Every frame goes through the contract's
 * parser; a bad one gets a typed error and is logged (sparingly, so a flood
 * cannot fill the disk), and never reaches the session.
 */
export function setupDisplaySockets(deps: DisplaySocketsDeps): DisplaySockets {
  const { log } = deps;
  // No compression: it costs CPU per frame and invites decompression bombs.
  const wss = new WebSocketServer({ noServer: true, maxPayload: MESSAGE_LIMITS.hardMaxFrameBytes, perMessageDeflate: false });
  const displays = new Set<WebSocket>();
  const alive = new WeakSet<WebSocket>();
  const timelineOpen = new Set<WebSocket>();
  const now = deps.now ?? Date.now;
  // Per display: its last heartbeat. A display that left keeps counting as
  // "last heard" until another speaks, so a reload does not read as "never".
  const heartbeats = new Map<WebSocket, { at: number; fps: number | null }>();
  let lastLeft: number | null = null;
  const health = (): DisplayHealth => {
    let latest: { at: number; fps: number | null } | null = null;
    for (const beat of heartbeats.values()) if (!latest || beat.at > latest.at) latest = beat;
    if (lastLeft !== null && (!latest || lastLeft > latest.at)) latest = { at: lastLeft, fps: null };
    return { displays: displays.size, lastHeartbeatAt: latest?.at ?? null, fps: latest?.fps ?? null };
  };
  const setTimelineOpen = (ws: WebSocket, open: boolean): void => {
    const before = timelineOpen.size;
    if (open) timelineOpen.add(ws);
    else timelineOpen.delete(ws);
    if (timelineOpen.size !== before) deps.onTimelineWatchers?.(timelineOpen.size);
  };

  function send(ws: WebSocket, message: HubMessage | string): void {
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > MAX_BUFFERED_BYTES) return;
    ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  const broadcast = (message: HubMessage): void => {
    const text = JSON.stringify(message);
    for (const ws of displays) send(ws, text);
  };

  function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    // The pen socket has its own handler (main/hub/pen-sockets.ts).
    if ((req.url ?? '').split('?', 1)[0] === '/pen/ws') return;
    // First thing: once the HTTP server hands the socket over, nobody else
    // listens for its errors, and a LAN client that sends an upgrade and then
    // resets would otherwise crash the hub with an unhandled ECONNRESET.
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') log.warn('websocket upgrade socket error', { error: error.message, remote: req.socket.remoteAddress });
      socket.destroy();
    });
    const { port } = deps.address();
    const path = (req.url ?? '').split('?', 1)[0];
    const origin = req.headers.origin;
    const host = req.headers.host;
    const refuse = (status: string, why: string): void => {
      log.warn('websocket refused', { why, remote: req.socket.remoteAddress, origin });
      // The server's sockets allow half-open connections: without the destroy
      // a client that never closes its side would hold the socket forever.
      socket.once('finish', () => socket.destroy());
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (path !== '/ws') return refuse('404 Not Found', 'unknown path');
    if (!isLoopbackAddress(req.socket.remoteAddress) || !isLoopbackHost(host, port)) return refuse('404 Not Found', 'not loopback');
    // Browsers always send Origin: only the hub's own pages may connect.
    // Node clients (tests, tools) send none and still need the secret.
    if (origin !== undefined && origin !== `http://${host}`) return refuse('403 Forbidden', 'foreign origin');
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws));
  }

  function onConnection(ws: WebSocket): void {
    let errors = 0;
    alive.add(ws);
    const session = createDisplaySession(
      {
        ...deps,
        setTimelineOpen: (open) => setTimelineOpen(ws, open),
        announceSnapshot: (a) => broadcast({ type: 'snapshot', modelId: a.info.id, snapshotId: a.snapshotId, backend: a.backend.name, backendNotes: backendNotesOf(a.backend) }),
      },
      (message) => send(ws, message),
      (code, reason) => ws.close(code, reason),
    );
    const helloTimer = setTimeout(() => {
      if (session.authenticated) return;
      send(ws, hubError('hello-required', 'no hello in time'));
      ws.close(4408, 'hello timeout');
    }, deps.helloTimeoutMs ?? 10_000);

    ws.on('pong', () => alive.add(ws));
    ws.on('message', (data: RawData, isBinary: boolean) => {
      const raw = rawFrame(data, isBinary, MESSAGE_LIMITS.maxFrameBytes);
      const parsed = parseClientMessage(raw);
      if (!parsed.ok) {
        errors++;
        if (errors <= 5 || errors % 100 === 0) log.warn('bad frame', { code: parsed.error.code, message: parsed.error.message, bytes: raw.bytes, errors });
        return send(ws, parsed.error);
      }
      const wasAuthenticated = session.authenticated;
      if (wasAuthenticated && parsed.message.type === 'ping') heartbeats.set(ws, { at: now(), fps: parsed.message.fps ?? heartbeats.get(ws)?.fps ?? null });
      session.handle(parsed.message).then(
        () => {
          if (!wasAuthenticated && session.authenticated) {
            clearTimeout(helloTimer);
            displays.add(ws);
            heartbeats.set(ws, { at: now(), fps: null });
            for (const message of deps.greeting?.() ?? []) send(ws, message);
            log.info('display connected', { displays: displays.size });
          }
        },
        // handle() is written not to throw; if it ever does, that is a hub bug to log, not a crash.
        (error: unknown) => log.error('display message failed', { type: parsed.message.type, error: String(error) }),
      );
    });
    ws.on('error', (error) => log.warn('websocket error', { error: error.message }));
    ws.on('close', () => {
      clearTimeout(helloTimer);
      setTimelineOpen(ws, false);
      const beat = heartbeats.get(ws);
      if (beat && heartbeats.delete(ws)) lastLeft = Math.max(lastLeft ?? 0, beat.at);
      if (displays.delete(ws)) log.info('display disconnected', { displays: displays.size });
    });
  }

  // Heartbeat: a display whose machine slept or whose cable was pulled never
  // sends a close; without this its socket would linger forever.
  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, deps.heartbeatMs ?? 15_000);
  heartbeat.unref();

  deps.server.on('upgrade', onUpgrade);
  return {
    broadcast,
    sendTimeline: (frame) => {
      if (timelineOpen.size === 0) return;
      const text = JSON.stringify(frame);
      for (const ws of timelineOpen) send(ws, text);
    },
    count: () => displays.size,
    health,
    close: async () => {
      clearInterval(heartbeat);
      deps.server.off('upgrade', onUpgrade);
      await closeSocketServer(wss, 1001);
    },
  };
}
