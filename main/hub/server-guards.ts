import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { HubLog } from './hub-log.js';

/** Errors a client causes by going away (mid-request, too): routine on a LAN, not worth a log line. */
const ROUTINE = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'HPE_INVALID_EOF_STATE']);

/**
 * What keeps a listening hub alive whatever the network does. The server's
 * own 'error' event also carries accept() failures (EMFILE when the process
 * runs out of file descriptors): with no listener Node would throw them and
 * end the exhibit, so they are logged and the server keeps accepting once
 * descriptors free up. A client's malformed or cut-off request gets a 400 (or
 * nothing, when it is gone already) and its socket is destroyed. Both are
 * logged sparingly, so that a flood cannot fill the disk.
 */
export function guardServer(server: Server, log: HubLog): void {
  let serverErrors = 0;
  server.on('error', (error: NodeJS.ErrnoException) => {
    serverErrors++;
    if (serverErrors <= 5 || serverErrors % 100 === 0) log.error('server error', { code: error.code, error: error.message, errors: serverErrors });
  });

  let clientErrors = 0;
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (!ROUTINE.has(error.code ?? '')) {
      clientErrors++;
      if (clientErrors <= 5 || clientErrors % 100 === 0) log.warn('bad http request', { code: error.code, errors: clientErrors });
    }
    if (!socket.writable || ROUTINE.has(error.code ?? '')) {
      socket.destroy();
      return;
    }
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
    socket.once('finish', () => socket.destroy());
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  });
}
