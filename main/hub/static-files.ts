import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import path from 'node:path';

/** What the built pages consist of; anything else is never served. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/**
 * Maps the part of a URL path below a page's prefix to a file inside `root`,
 * or undefined. Strict on purpose: one round of percent-decoding, no "..",
 * no backslashes, NUL bytes or dot-files, known extensions only, and the real
 * path (symlinks resolved) must still lie inside `root`.
 */
export async function resolveStaticFile(root: string, relativeUrlPath: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(relativeUrlPath);
  } catch {
    return undefined;
  }
  if (decoded === '' || decoded.endsWith('/')) decoded += 'index.html';
  if (/[\\\0]/.test(decoded) || decoded.startsWith('/')) return undefined;
  const segments = decoded.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..' || s.startsWith('.'))) return undefined;
  if (!(path.extname(decoded).toLowerCase() in CONTENT_TYPES)) return undefined;

  const candidate = path.resolve(root, ...segments);
  if (!isInside(root, candidate)) return undefined;
  try {
    const [realRoot, realFile] = await Promise.all([realpath(root), realpath(candidate)]);
    if (!isInside(realRoot, realFile)) return undefined;
    return (await stat(realFile)).isFile() ? realFile : undefined;
  } catch {
    return undefined;
  }
}

function isInside(root: string, file: string): boolean {
  const relative = path.relative(root, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** Streams a file resolved by resolveStaticFile; HEAD gets the headers only. */
export async function sendStaticFile(res: ServerResponse, file: string, headOnly: boolean): Promise<void> {
  const { size } = await stat(file);
  res.statusCode = 200;
  res.setHeader('Content-Type', CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream');
  res.setHeader('Content-Length', size);
  if (headOnly) {
    res.end();
    return;
  }
  await new Promise<void>((resolve) => {
    const stream = createReadStream(file);
    stream.on('error', () => {
      res.destroy();
      resolve();
    });
    stream.on('end', resolve);
    stream.pipe(res);
  });
}
