import WebSocket from 'ws';
import type { HubMessage } from '../../../../app/contract/hub-messages.js';
import { parseHubMessage } from '../../../../app/contract/parse-hub-message.js';

/**
 * A real `ws` client for hub tests. Every message from the hub is checked
 * against the contract (a hub that sends something off-contract fails the
 * test), queued, and taken in order with next().
 */
export interface TestClient {
  readonly ws: WebSocket;
  send(message: unknown): void;
  sendRaw(data: string | Buffer, binary?: boolean): void;
  /** The next message of `type` (earlier messages of other types are skipped). */
  next<T extends HubMessage['type']>(type: T, timeoutMs?: number): Promise<Extract<HubMessage, { type: T }>>;
  readonly closed: Promise<{ code: number; reason: string }>;
  close(): void;
}

export async function connectClient(wsUrl: string, headers: Record<string, string> = {}): Promise<TestClient> {
  const ws = new WebSocket(wsUrl, { headers });
  const queue: HubMessage[] = [];
  const waiters: (() => void)[] = [];
  ws.on('message', (data) => {
    const parsed = parseHubMessage(String(data));
    if (!parsed.ok) throw new Error(`hub sent a message off the contract: ${parsed.reason}`);
    queue.push(parsed.message);
    waiters.splice(0).forEach((wake) => wake());
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
  });

  async function next<T extends HubMessage['type']>(type: T, timeoutMs = 10_000): Promise<Extract<HubMessage, { type: T }>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = queue.findIndex((m) => m.type === type);
      if (index >= 0) return queue.splice(0, index + 1).pop() as Extract<HubMessage, { type: T }>;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no "${type}" message within ${timeoutMs} ms (got: ${queue.map((m) => m.type).join(', ') || 'nothing'})`);
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
    closed,
    close: () => ws.close(),
  };
}

/** ws://host:port/ws and the secret, from the display URL the hub printed. */
export function socketOf(displayUrl: string): { wsUrl: string; secret: string } {
  const url = new URL(displayUrl);
  const secret = new URLSearchParams(url.hash.slice(1)).get('k') ?? '';
  return { wsUrl: `ws://${url.host}/ws`, secret };
}
