import WebSocket from 'ws';

type Message = { readonly type: string };

/**
 * A real `ws` client for hub tests. Every message from the hub goes through
 * `parse` (the contract: a hub that sends something off-contract fails the
 * test), is queued, and is taken in order with next().
 */
export interface ContractClient<M extends Message> {
  readonly ws: WebSocket;
  send(message: unknown): void;
  sendRaw(data: string | Buffer, binary?: boolean): void;
  /** The next message of `type` (matching `where`, if given); earlier messages are skipped. */
  next<T extends M['type']>(type: T, timeoutMs?: number, where?: (m: Extract<M, { type: T }>) => boolean): Promise<Extract<M, { type: T }>>;
  /** Everything received so far, in order. */
  readonly received: M[];
  readonly closed: Promise<{ code: number; reason: string }>;
  close(): void;
}

export async function connectContractClient<M extends Message>(url: string, options: WebSocket.ClientOptions, parse: (text: string) => M): Promise<ContractClient<M>> {
  const ws = new WebSocket(url, options);
  const queue: M[] = [];
  const received: M[] = [];
  const waiters: (() => void)[] = [];
  ws.on('message', (data) => {
    const message = parse(String(data));
    queue.push(message);
    received.push(message);
    waiters.splice(0).forEach((wake) => wake());
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
  });

  const describe = (m: M): string => (m.type === 'error' && 'code' in m ? `error:${String(m.code)}` : m.type);

  async function next<T extends M['type']>(type: T, timeoutMs = 10_000, where?: (m: Extract<M, { type: T }>) => boolean): Promise<Extract<M, { type: T }>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = queue.findIndex((m) => m.type === type && (!where || where(m as Extract<M, { type: T }>)));
      if (index >= 0) return queue.splice(0, index + 1).pop() as Extract<M, { type: T }>;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no "${type}" message within ${timeoutMs} ms (got: ${queue.map(describe).join(', ') || 'nothing'})`);
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
