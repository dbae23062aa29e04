import http, { type ClientRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import https from 'node:https';
import type { URL } from 'node:url';
import { configureRequestOptions, type CancellationToken, configureRequestUrl, HttpExecutor, type DownloadOptions } from 'builder-util-runtime';

/**
 * electron-updater's HTTP client for plain Node (tests; any run without
 * Electron). In the app electron-updater brings its own, on Electron's net
 * module (system proxy, OS certificates). Downloads go through
 * builder-util-runtime's own download path (doDownload), so the sha512 check
 * that runs here is the one that runs in the app.
 *
 * Two limits the base class lacks under Node: it follows a redirect loop
 * forever (its hop counter is never raised), and it reads a feed file of any
 * size into memory. Here both end in an error naming the URL.
 */
export const MAX_REDIRECTS = 8;
/** A channel file (latest.yml) is a few hundred bytes; anything past this is not one. */
export const MAX_FEED_BYTES = 1024 * 1024;

interface KioskRequestOptions extends RequestOptions {
  kioskHops?: number;
  kioskFeed?: boolean;
}

function urlOf(options: RequestOptions): string {
  return `${options.protocol ?? 'https:'}//${options.hostname ?? options.host ?? ''}${options.port ? `:${options.port}` : ''}${options.path ?? ''}`;
}

export class NodeHttpExecutor extends HttpExecutor<ClientRequest> {
  /** The feed requests (channel files): marked so that their size is limited, downloads are not. */
  override request(options: RequestOptions, cancellationToken?: CancellationToken, data?: Record<string, unknown> | null): Promise<string | null> {
    (options as KioskRequestOptions).kioskFeed = true;
    return super.request(options, cancellationToken, data);
  }

  /** What electron-updater's download step calls (ElectronHttpExecutor has the same, on Electron's net). */
  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return options.cancellationToken.createPromise<string>((resolve, reject, onCancel) => {
      const requestOptions: RequestOptions = { headers: options.headers ?? undefined };
      configureRequestUrl(url, requestOptions);
      configureRequestOptions(requestOptions);
      this.doDownload(
        requestOptions,
        { destination, options, onCancel, callback: (error) => (error == null ? resolve(destination) : reject(error)), responseHandler: null },
        0,
      );
    });
  }

  createRequest(options: RequestOptions, callback: (response: IncomingMessage) => void): ClientRequest {
    // The base class copies these options (spread) into each redirect's, so the count travels with them.
    const kiosk = options as KioskRequestOptions;
    kiosk.kioskHops = (kiosk.kioskHops ?? 0) + 1;
    const send = options.protocol === 'http:' ? http.request : https.request;
    if (kiosk.kioskHops > MAX_REDIRECTS + 1) {
      const request = send({ ...options, agent: undefined });
      // Destroyed before it is sent: the base class's error handler (attached on return) reports it.
      request.destroy(new Error(`too many redirects (more than ${MAX_REDIRECTS}) from ${urlOf(options)}`));
      return request;
    }
    const request: ClientRequest = send(options, (response) => {
      if (kiosk.kioskFeed) limitFeedSize(request, response, urlOf(options));
      callback(response);
    });
    return request;
  }
}

function limitFeedSize(request: ClientRequest, response: IncomingMessage, url: string): void {
  const tooBig = () => new Error(`${url} is larger than ${MAX_FEED_BYTES} bytes: not an update feed file`);
  if (Number(response.headers['content-length'] ?? 0) > MAX_FEED_BYTES) {
    request.destroy(tooBig());
    return;
  }
  let received = 0;
  response.on('data', (chunk: Buffer | string) => {
    received += chunk.length;
    if (received > MAX_FEED_BYTES) request.destroy(tooBig());
  });
}
