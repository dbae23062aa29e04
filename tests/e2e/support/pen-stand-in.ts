import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocketServer, type WebSocket } from 'ws';
import { applySecurityHeaders } from '../../../main/hub/security-headers.js';

/**
 * A protocol stand-in for the hub's pen side (docs/PROTOCOL.md): it serves
 * the built pen page with the hub's security headers and answers /pen/ws as
 * the spec says, scripted by the test. It is NOT the hub: it recognises
 * nothing (its guesses are whatever the test scripts). It exists to drive the
 * page through paths a real hub cannot be told to take on cue: a PIN refused,
 * a lockout, a link dropped mid-stroke. The real hub is driven in pen-hub.test.ts.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const pageDir = path.join(root, 'dist', 'renderer', 'pen');
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json' };

export interface StandInMessage {
  readonly type: string;
  readonly [key: string]: unknown;
}

export interface PenStandIn {
  readonly url: string;
  /** Every message received, per connection, in order. */
  readonly connections: StandInMessage[][];
  /** Sockets open now. */
  readonly sockets: Set<WebSocket>;
  /** Decides the answer to a hello; default: every credential is welcome. */
  onHello: (hello: StandInMessage, ws: WebSocket) => void;
  send(ws: WebSocket, message: StandInMessage): void;
  close(): Promise<void>;
}

export const welcome = { type: 'pen-welcome', protocol: 1, deviceId: 'dev-1', name: 'Tablet 1', language: 'en', drawer: { type: 'drawer', active: false, holder: null, free: true, idleTakeoverMs: 4000 } } as const;

export async function startPenStandIn(): Promise<PenStandIn> {
  const server: Server = createServer((req, res) => {
    const host = req.headers.host ?? '';
    applySecurityHeaders(res, host);
    const rel = (req.url ?? '/').split(/[?#]/)[0]!.replace(/^\/pen\//, '') || 'index.html';
    if (!/^[\w.-]+$/.test(rel)) return void res.writeHead(404).end();
    readFile(path.join(pageDir, rel)).then(
      (body) => res.writeHead(200, { 'Content-Type': TYPES[path.extname(rel)] ?? 'application/octet-stream' }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  const wss = new WebSocketServer({ server, path: '/pen/ws' });
  const standIn: PenStandIn = {
    url: '',
    connections: [],
    sockets: new Set(),
    onHello: (_hello, ws) => standIn.send(ws, welcome),
    send: (ws, message) => ws.send(JSON.stringify(message)),
    close: async () => {
      for (const ws of standIn.sockets) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  wss.on('connection', (ws) => {
    const log: StandInMessage[] = [];
    standIn.connections.push(log);
    standIn.sockets.add(ws);
    ws.on('close', () => standIn.sockets.delete(ws));
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as StandInMessage;
      log.push(message);
      if (message.type === 'hello') standIn.onHello(message, ws);
      else if (message.type === 'ping') standIn.send(ws, { type: 'pong', t: message.t, hubTime: Date.now() });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(standIn, { url: `http://127.0.0.1:${port}/pen/` });
}
