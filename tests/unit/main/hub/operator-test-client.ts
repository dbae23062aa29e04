import { request } from 'node:http';

export interface Reply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
  json(): Record<string, unknown>;
}

/**
 * One real HTTP request to the hub with full control of headers and body
 * (fetch would fix Host, Origin and Content-Length itself). `host` is the
 * address to connect to; the Host header follows it unless given.
 */
export function call(host: string, port: number, method: string, route: string, options: { body?: string | Buffer; headers?: Record<string, string>; token?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { Host: `${host.includes(':') ? `[${host}]` : host}:${port}`, ...options.headers };
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    if (options.body !== undefined && !('Content-Length' in headers)) headers['Content-Length'] = String(Buffer.byteLength(options.body));
    const req = request({ host, port, method, path: route, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body) as Record<string, unknown> });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** POST JSON to /api/operator/<route>. */
export function post(host: string, port: number, route: string, value: unknown, token?: string): Promise<Reply> {
  return call(host, port, 'POST', `/api/operator/${route}`, { body: JSON.stringify(value), headers: { 'Content-Type': 'application/json' }, token });
}
