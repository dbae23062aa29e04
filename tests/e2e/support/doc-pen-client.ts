import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createInterface } from 'node:readline';
import WebSocket from 'ws';
import { REPO_ROOT } from '../../helpers/fixtures.js';

/**
 * A pen client written from docs/PROTOCOL.md alone (and README.md for
 * starting the hub), without reading the contract schemas, the hub or the pen
 * page: if this client works, the document is enough to write one. Every
 * message type and field below is spelled as the document spells it.
 */

/** The `kiosk serve --headless` JSON line fields this client uses (README, PROTOCOL "Pairing"). */
export interface ReadyLine {
  readonly penUrl: string;
  readonly pin: string;
  readonly port: number;
}

export interface Hub {
  readonly ready: ReadyLine;
  /** ws://host:port/pen/ws, from penUrl's origin ("Endpoints a LAN client can reach"). */
  readonly penSocketUrl: string;
  /** The one-time pairing token in penUrl's fragment `#pair=<pairToken>`. */
  readonly pairToken: string;
  stop(): Promise<void>;
}

/** Starts `node dist/main/kiosk.js serve --headless` and waits for its one JSON line. */
export function startHub(stateDir: string): Promise<Hub> {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [path.join(REPO_ROOT, 'dist/main/kiosk.js'), 'serve', '--headless', '--state-dir', stateDir], {
    cwd: REPO_ROOT,
    env: { ...process.env, KIOSK_DEBUG: '' },
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`kiosk serve printed no ready line within 60 s; stderr:\n${stderr}`));
    }, 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`kiosk serve exited (${code}) before its ready line; stderr:\n${stderr}`));
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (!line.startsWith('{')) return;
      const ready = JSON.parse(line) as ReadyLine;
      if (typeof ready.penUrl !== 'string') return;
      clearTimeout(timer);
      const url = new URL(ready.penUrl);
      const pairToken = new URLSearchParams(url.hash.slice(1)).get('pair');
      if (!pairToken) return reject(new Error(`penUrl has no #pair= fragment: ${ready.penUrl}`));
      resolve({ ready, pairToken, penSocketUrl: `ws://${url.host}/pen/ws`, stop });
    });
  });
}

export type Point = readonly [number, number];
export type Auth = { kind: 'pair'; token: string } | { kind: 'pin'; pin: string } | { kind: 'device'; token: string };

/** What the hub sends, as the document's "Hub -> pen" and "Errors" sections describe it. */
export type HubMessage = { readonly type: string; readonly [field: string]: unknown };

// Type aliases, not interfaces, so that they fit HubMessage's index signature.
export type Drawer = {
  readonly type: 'drawer';
  readonly active: boolean;
  readonly holder: string | null;
  readonly free: boolean;
  readonly idleTakeoverMs: number;
};

export type Guess = {
  readonly type: 'guess';
  readonly digit: number | null;
  readonly confidence: number;
  readonly empty: boolean;
  readonly stroke: number | null;
  readonly points: number;
};

/** "at most 256 points per stroke-begin / stroke-points message". */
export const MAX_POINTS_PER_MESSAGE = 256;

/** One pen socket: everything the hub sends is kept in `messages`, in order, and can be waited for. */
export class DocPenClient {
  readonly messages: HubMessage[] = [];
  /** A random id per "page load": 8..64 chars of [A-Za-z0-9_-]. */
  readonly clientId = randomBytes(12).toString('base64url');
  readonly closed: Promise<{ code: number; reason: string }>;
  private readonly waiters = new Set<() => void>();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data, isBinary) => {
      // The protocol has text frames only; keep a binary one visible to the test.
      this.messages.push(isBinary ? { type: '(binary frame)' } : (JSON.parse(data.toString()) as HubMessage));
      for (const wake of this.waiters) wake();
    });
    this.closed = new Promise((resolve) =>
      socket.on('close', (code, reason) => {
        resolve({ code, reason: reason.toString() });
        for (const wake of this.waiters) wake();
      }),
    );
  }

  static connect(url: string): Promise<DocPenClient> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url);
      const client = new DocPenClient(socket);
      socket.once('open', () => resolve(client));
      socket.once('error', reject);
    });
  }

  send(message: { type: string; [field: string]: unknown }): void {
    this.socket.send(JSON.stringify(message));
  }

  /** The first hello: `role:"pen"`, `protocol:1`, `auth`, `clientId`, `name?`. */
  hello(auth: Auth, name?: string): void {
    this.send({ type: 'hello', role: 'pen', protocol: 1, auth, clientId: this.clientId, ...(name === undefined ? {} : { name }) });
  }

  /**
   * The first message at index `from` or later that matches; waits up to
   * `timeoutMs` for it. Generous timeouts only: the answer normally comes in
   * milliseconds, the limit is for a slow, busy test machine.
   */
  async next<T extends HubMessage = HubMessage>(match: (m: HubMessage) => boolean, from = 0, timeoutMs = 20_000): Promise<T> {
    const found = () => this.messages.slice(from).find(match) as T | undefined;
    const already = found();
    if (already) return already;
    return new Promise<T>((resolve, reject) => {
      const wake = () => {
        const message = found();
        if (message) {
          done();
          resolve(message);
        } else if (this.socket.readyState === WebSocket.CLOSED) {
          done();
          reject(new Error(`socket closed while waiting; got ${JSON.stringify(this.messages.slice(from))}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no matching message within ${timeoutMs} ms; got ${JSON.stringify(this.messages.slice(from))}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(wake);
      };
      this.waiters.add(wake);
      wake();
    });
  }

  nextOfType<T extends HubMessage = HubMessage>(type: string, from = 0, timeoutMs?: number): Promise<T> {
    return this.next<T>((m) => m.type === type, from, timeoutMs);
  }

  /** Messages of one type received at index `from` or later. */
  received<T extends HubMessage = HubMessage>(type: string, from = 0): T[] {
    return this.messages.slice(from).filter((m) => m.type === type) as T[];
  }

  /**
   * Draws strokes numbered from `firstStroke` like a 240 Hz pen whose page
   * sends a batch every frame (~16 ms, 4 points): `stroke-begin` with the
   * first batch, `stroke-points` with the rest, then `stroke-end`.
   */
  async draw(strokes: readonly (readonly Point[])[], firstStroke = 0, batch = 4, everyMs = 16): Promise<void> {
    for (const [i, points] of strokes.entries()) {
      const stroke = firstStroke + i;
      for (let at = 0; at < points.length; at += batch) {
        const chunk = points.slice(at, Math.min(at + batch, at + MAX_POINTS_PER_MESSAGE));
        this.send({ type: at === 0 ? 'stroke-begin' : 'stroke-points', stroke, points: chunk });
        await sleep(everyMs);
      }
      this.send({ type: 'stroke-end', stroke });
    }
  }

  close(): Promise<{ code: number; reason: string }> {
    this.socket.close(1000);
    return this.closed;
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
