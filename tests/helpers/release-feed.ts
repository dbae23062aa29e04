import { createHash } from 'node:crypto';
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A release feed as electron-builder's generic publisher leaves it on a web
 * server: a channel file (latest.yml; latest-linux.yml for Linux builds)
 * beside the installers. Served by a real HTTP server on 127.0.0.1; routes
 * can be swapped to serve broken feeds and files.
 */
export interface Route {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Send the body in pieces without a content-length (chunked), as a streaming server would. */
  chunked?: boolean;
}

export interface ReleaseServer {
  readonly port: number;
  /** The feed folder's URL (what settings.updates.feedUrl holds). */
  readonly url: string;
  readonly routes: Map<string, Route>;
  /** Every request: path (without the cache-busting query) and headers. */
  readonly requests: { path: string; headers: IncomingHttpHeaders }[];
  close(): Promise<void>;
  /** Starts again on the same port (after close: the "server back up" case). */
  reopen(): Promise<void>;
}

export function sha512Base64(bytes: Buffer): string {
  return createHash('sha512').update(bytes).digest('base64');
}

/** The channel file electron-updater asks for on this machine, for a channel ("latest"): latest-linux.yml on x64 Linux. */
export function channelFileName(channel = 'latest'): string {
  if (process.platform === 'linux') return `${channel}-linux${process.arch === 'x64' ? '' : `-${process.arch}`}.yml`;
  return process.platform === 'darwin' ? `${channel}-mac.yml` : `${channel}.yml`;
}

export interface Release {
  readonly version: string;
  readonly installerName: string;
  readonly installer: Buffer;
  readonly sha512: string;
  readonly yml: string;
}

/** A release as electron-builder writes it: installer bytes and the channel file naming them with their SHA-512. */
export function makeRelease(version: string, options: { stagingPercentage?: number; size?: number } = {}): Release {
  const installerName = `mlp-kiosk_${version}_amd64.deb`;
  // Installer-like bytes: an ar archive header (what a .deb starts with), then a deterministic body.
  const body = Buffer.alloc(options.size ?? 200_000);
  for (let i = 0; i < body.length; i++) body[i] = (i * 31 + version.length * 7) & 0xff;
  const installer = Buffer.concat([Buffer.from('!<arch>\ndebian-binary   '), body]);
  const sha512 = sha512Base64(installer);
  const lines = [
    `version: ${version}`,
    'files:',
    `  - url: ${installerName}`,
    `    sha512: ${sha512}`,
    `    size: ${installer.length}`,
    `path: ${installerName}`,
    `sha512: ${sha512}`,
    `releaseDate: '2026-11-20T10:00:00.000Z'`,
    ...(options.stagingPercentage === undefined ? [] : [`stagingPercentage: ${options.stagingPercentage}`]),
  ];
  return { version, installerName, installer, sha512, yml: `${lines.join('\n')}\n` };
}

/** Puts a release in the feed: its channel file under both names (Windows reads latest.yml) and its installer. */
export function publish(server: ReleaseServer, release: Release, channel = 'latest'): void {
  const yml: Route = { headers: { 'content-type': 'text/yaml' }, body: release.yml };
  server.routes.set(`/feed/${channel}.yml`, yml);
  server.routes.set(`/feed/${channelFileName(channel)}`, yml);
  server.routes.set(`/feed/${release.installerName}`, { headers: { 'content-type': 'application/octet-stream' }, body: release.installer });
}

export async function startReleaseServer(): Promise<ReleaseServer> {
  const routes = new Map<string, Route>();
  const requests: ReleaseServer['requests'] = [];
  let server: http.Server;
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server = http.createServer((req, res) => {
        const path = (req.url ?? '/').split('?')[0] ?? '/';
        requests.push({ path, headers: req.headers });
        const route = routes.get(path);
        if (!route) {
          res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
          return;
        }
        if (!route.chunked) {
          res.writeHead(route.status ?? 200, route.headers ?? {}).end(route.body ?? '');
          return;
        }
        res.writeHead(route.status ?? 200, route.headers ?? {});
        const body = Buffer.from(route.body ?? '');
        for (let i = 0; i < body.length; i += 65_536) res.write(body.subarray(i, i + 65_536));
        res.end();
      });
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
    });
  const port = await listen(0);
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return {
    port,
    url: `http://127.0.0.1:${port}/feed/`,
    routes,
    requests,
    close,
    reopen: async () => {
      await listen(port);
    },
  };
}
