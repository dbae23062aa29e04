import type { RawData, WebSocketServer } from 'ws';
import type { RawFrame } from '../../app/contract/parse-client-message.js';

/**
 * What both hub sockets (display and pen) do with ws's raw data: one buffer,
 * binary frames reported by size only, and text over `maxBytes` refused on
 * its size alone (not worth decoding). ws has already checked that text frames
 * are valid UTF-8 (close 1007 otherwise).
 */
export function rawFrame(data: RawData, isBinary: boolean, maxBytes: number): RawFrame {
  const buffer = Array.isArray(data) ? Buffer.concat(data) : data instanceof ArrayBuffer ? Buffer.from(data) : data;
  if (isBinary) return { kind: 'binary', bytes: buffer.length };
  const text = buffer.length > maxBytes ? '' : buffer.toString('utf8');
  return { kind: 'text', text, bytes: buffer.length };
}

/** Closes every client with `code`, gives them half a second to answer, then cuts them off. */
export function closeSocketServer(wss: WebSocketServer, code: number): Promise<void> {
  for (const ws of wss.clients) ws.close(code, 'hub shutting down');
  return new Promise<void>((resolve) => {
    const cut = setTimeout(() => {
      for (const ws of wss.clients) ws.terminate();
    }, 500);
    wss.close(() => {
      clearTimeout(cut);
      resolve();
    });
  });
}
