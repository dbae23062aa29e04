import { createServer, request, type Server } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { LogFields } from '../../../../main/hub/hub-log.js';
import { guardServer } from '../../../../main/hub/server-guards.js';

// A plain HTTP server with the hub's guards: accept errors and bad client
// requests are logged (sparingly) and never thrown.
let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function guarded(): Promise<{ server: Server; port: number; lines: { level: string; message: string; fields?: LogFields }[] }> {
  const lines: { level: string; message: string; fields?: LogFields }[] = [];
  const log = {
    info: (message: string, fields?: LogFields) => void lines.push({ level: 'info', message, fields }),
    warn: (message: string, fields?: LogFields) => void lines.push({ level: 'warn', message, fields }),
    error: (message: string, fields?: LogFields) => void lines.push({ level: 'error', message, fields }),
  };
  server = createServer((_req, res) => res.end('ok'));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  guardServer(server, log);
  return { server, port: (server.address() as AddressInfo).port, lines };
}

const ok = (port: number): Promise<string> =>
  new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path: '/' }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += String(c)));
      res.on('end', () => resolve(body));
    })
      .on('error', reject)
      .end();
  });

function raw(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let answer = '';
    const socket = net.connect({ host: '127.0.0.1', port }, () => socket.write(text));
    socket.on('data', (c: Buffer) => (answer += String(c)));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('server guards', () => {
  it('logs accept errors (EMFILE) instead of crashing, sparingly, and keeps serving', async () => {
    const { server, port, lines } = await guarded();
    const emfile = Object.assign(new Error('accept EMFILE'), { code: 'EMFILE', syscall: 'accept' });
    for (let i = 0; i < 50; i++) expect(() => server.emit('error', emfile)).not.toThrow();
    const logged = lines.filter((l) => l.message === 'server error');
    expect(logged).toHaveLength(5);
    expect(logged[0]).toMatchObject({ level: 'error', fields: { code: 'EMFILE', errors: 1 } });
    expect(await ok(port)).toBe('ok');
  });

  it('answers malformed requests with 400, oversized headers with 431, and closes them', async () => {
    const { port, lines } = await guarded();
    expect(await raw(port, 'NOT HTTP AT ALL\r\n\r\n')).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(await raw(port, `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(100_000)}\r\n\r\n`)).toMatch(/^HTTP\/1\.1 431 /);
    // (The rest of an oversized request may be reported once more as it arrives.)
    expect(new Set(lines.filter((l) => l.message === 'bad http request').map((l) => l.fields?.code))).toEqual(new Set(['HPE_INVALID_METHOD', 'HPE_HEADER_OVERFLOW']));
    expect(await ok(port)).toBe('ok');
  });

  it('closes a client that resets mid-request without a log line', async () => {
    const { port, lines } = await guarded();
    for (let i = 0; i < 10; i++) {
      await new Promise<void>((resolve) => {
        const socket = net.connect({ host: '127.0.0.1', port }, () => {
          socket.write('GET / HTTP/1.1\r\nHost: x\r\nX-Half: ');
          socket.resetAndDestroy();
          resolve();
        });
      });
    }
    await new Promise((r) => setTimeout(r, 100));
    expect(lines).toEqual([]);
    expect(await ok(port)).toBe('ok');
  });
});
