import WebSocket from 'ws';
import { penHubMessageSchema, type PenHubMessage } from '../../../../app/contract/pen-hub-messages.js';

/**
 * A real `ws` pen client for hub tests: every hub message is checked against
 * the pen contract (off-contract fails the test), queued, taken with next().
 */
export interface PenClient {
  readonly ws: WebSocket;
  send(message: unknown): void;
  sendRaw(data: string | Buffer, binary?: boolean): void;
  next<T extends PenHubMessage['type']>(type: T, timeoutMs?: number, where?: (m: Extract<PenHubMessage, { type: T }>) => boolean): Promise<Extract<PenHubMessage, { type: T }>>;
  readonly received: PenHubMessage[];
  readonly closed: Promise<{ code: number; reason: string }>;
  close(): void;
}

export async function connectPen(url: string, options: WebSocket.ClientOptions = {}): Promise<PenClient> {
  const ws = new WebSocket(url, options);
  const queue: PenHubMessage[] = [];
  const received: PenHubMessage[] = [];
  const waiters: (() => void)[] = [];
  ws.on('message', (data) => {
    const parsed = penHubMessageSchema.safeParse(JSON.parse(String(data)));
    if (!parsed.success) throw new Error(`hub sent a pen message off the contract: ${String(data).slice(0, 200)}`);
    queue.push(parsed.data);
    received.push(parsed.data);
    waiters.splice(0).forEach((wake) => wake());
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
  });

  async function next<T extends PenHubMessage['type']>(type: T, timeoutMs = 10_000, where?: (m: Extract<PenHubMessage, { type: T }>) => boolean) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = queue.findIndex((m) => m.type === type && (!where || where(m as Extract<PenHubMessage, { type: T }>)));
      if (index >= 0) return queue.splice(0, index + 1).pop() as Extract<PenHubMessage, { type: T }>;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no "${type}" within ${timeoutMs} ms (got: ${queue.map((m) => (m.type === 'error' ? `error:${m.code}` : m.type)).join(', ') || 'nothing'})`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  return {
    ws,
    send: (message) => ws.send(JSON.stringify(message)),
    sendRaw: (data, binary = false) => ws.send(data, { binary }),
    next,
    received,
    closed,
    close: () => ws.close(),
  };
}

let counter = 0;
export function penHello(auth: unknown, name = 'test pen'): unknown {
  return { type: 'hello', role: 'pen', protocol: 1, clientId: `client-${++counter}-${Date.now()}`, name, auth };
}

/** The pair token in a pen URL's #pair= fragment. */
export function pairTokenOf(penUrl: string): string {
  return new URL(penUrl).hash.replace(/^#pair=/, '');
}
