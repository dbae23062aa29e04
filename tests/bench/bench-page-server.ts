import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { REPO_ROOT } from '../helpers/fixtures.js';

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.map': 'application/json', '.json': 'application/json', '.bin': 'application/octet-stream' };

export interface BenchPageServer {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Serves the built benchmark page (dist/renderer/bench-display) and its data
 * on loopback. Cross-origin isolated (COOP + COEP), so that performance.now()
 * in the page keeps its fine resolution (5 us instead of 100 us).
 */
export async function serveBenchPage(data: ReadonlyMap<string, Uint8Array | string>): Promise<BenchPageServer> {
  const root = path.join(REPO_ROOT, 'dist/renderer/bench-display');
  const server: Server = createServer((req, res) => {
    const name = new URL(req.url ?? '/', 'http://x').pathname;
    const headers = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp', 'Cache-Control': 'no-store' };
    const send = (body: Uint8Array | string, file: string) => {
      res.writeHead(200, { ...headers, 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    };
    const inline = data.get(name);
    if (inline !== undefined) return send(inline, name);
    const file = name === '/' ? 'index.html' : name.slice(1);
    if (!/^[\w.-]+$/.test(file)) {
      res.writeHead(404, headers).end();
      return;
    }
    readFile(path.join(root, file)).then(
      (body) => send(body, file),
      () => res.writeHead(404, headers).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
