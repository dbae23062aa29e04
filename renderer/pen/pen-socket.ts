import { Backoff } from '../../app/pen/reconnect-backoff.js';
import { LinkWatch } from '../../app/pen/link-watch.js';
import { PEN_CLOSE, PEN_PROTOCOL, type PenAuth, type PenClientMessage, type PenHubMessage } from '../../app/pen/pen-messages.js';
import type { PairProblem, PenLink } from '../../app/pen/pen-link.js';
import { parsePenMessage } from './parse-pen-message.js';

export type { PairProblem, PenLink };

export interface PenSocketOptions {
  readonly url: string;
  readonly clientId: string;
  readonly onLink: (link: PenLink, problem: PairProblem, retryAfterMs?: number) => void;
  readonly onMessage: (message: PenHubMessage) => void;
  /** A device token from `paired`: keep it for the next connection. */
  readonly onDeviceToken: (token: string | undefined) => void;
}

/**
 * The pen's link to the hub: hello with the best credential it has (device
 * token, else the QR's one-time token, else a PIN the visitor typed),
 * heartbeat, and reconnect with backoff and jitter for as long as it holds a
 * device token. One-time credentials are never retried: they are spent.
 * A link that goes quiet, or a connection attempt that hangs, is abandoned
 * at once (a browser may wait a minute for a dead socket's close handshake).
 */
/** A connection attempt that has not opened by then is given up and retried. */
const CONNECT_TIMEOUT_MS = 10_000;

export class PenSocket {
  private ws: WebSocket | undefined;
  private auth: PenAuth | undefined;
  private readonly backoff = new Backoff();
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private tickTimer: ReturnType<typeof setInterval> | undefined;
  private welcomed = false;
  private lastError: PenHubMessage | undefined;
  /** Tried once when the device token is refused (a QR code scanned by an already paired tablet). */
  private fallback: PenAuth | undefined;

  constructor(private readonly options: PenSocketOptions) {}

  connect(auth: PenAuth, fallback?: PenAuth): void {
    this.auth = auth;
    this.fallback = fallback;
    this.backoff.reset();
    this.open(false);
  }

  get ready(): boolean {
    return this.welcomed && this.ws?.readyState === WebSocket.OPEN;
  }

  send(message: PenClientMessage): boolean {
    if (!this.ready || !this.ws) return false;
    this.ws.send(JSON.stringify(message));
    return true;
  }

  /** For tests and for a page going away: drop the socket as a Wi-Fi loss would. */
  drop(): void {
    this.ws?.close();
  }

  private open(retry: boolean): void {
    const auth = this.auth;
    if (!auth) return;
    clearTimeout(this.retryTimer);
    // A new credential (a PIN typed while connected) replaces the old socket: it must not linger and deliver.
    if (this.ws) this.abandon(this.ws);
    this.options.onLink(retry ? 'reconnecting' : 'connecting', 'none');
    const socket = new WebSocket(this.options.url);
    const opening = Date.now();
    this.ws = socket;
    this.welcomed = false;
    this.lastError = undefined;
    const watch = new LinkWatch(() => Date.now());
    socket.onopen = () => {
      watch.heard();
      socket.send(JSON.stringify({ type: 'hello', role: 'pen', protocol: PEN_PROTOCOL, auth, clientId: this.options.clientId } satisfies PenClientMessage));
    };
    socket.onmessage = (event: MessageEvent) => {
      watch.heard();
      const message = typeof event.data === 'string' ? parsePenMessage(event.data) : undefined;
      if (!message) {
        console.warn('pen: hub message ignored (another protocol version?)');
        return;
      }
      this.onMessage(message);
    };
    socket.onclose = (event: CloseEvent) => {
      if (this.ws !== socket) return;
      this.ws = undefined;
      this.welcomed = false;
      clearInterval(this.tickTimer);
      this.onClosed(auth, event.code);
    };
    // Errors are followed by close, which decides what to do; logging them
    // would turn every Wi-Fi drop into a console error.
    socket.onerror = () => {};
    clearInterval(this.tickTimer);
    this.tickTimer = setInterval(() => {
      const hung = socket.readyState === WebSocket.CONNECTING && Date.now() - opening > CONNECT_TIMEOUT_MS;
      if (socket.readyState !== WebSocket.OPEN && !hung) return;
      const next = hung ? 'dead' : watch.tick();
      if (next === 'dead') {
        this.abandon(socket);
        this.onClosed(auth, 1006);
      } else if (next === 'ping' && this.welcomed) {
        socket.send(JSON.stringify({ type: 'ping', t: Date.now() } satisfies PenClientMessage));
      }
    }, 1_000);
  }

  /** Forgets a socket without waiting for its close: no handler of it runs again. */
  private abandon(socket: WebSocket): void {
    socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
    try {
      socket.close();
    } catch {
      // Already closing or closed: nothing more to do.
    }
    if (this.ws === socket) {
      this.ws = undefined;
      this.welcomed = false;
      clearInterval(this.tickTimer);
    }
  }

  private onMessage(message: PenHubMessage): void {
    switch (message.type) {
      case 'paired':
        // From now on this tablet is a known device: reconnects use the token.
        this.auth = { kind: 'device', token: message.deviceToken };
        this.options.onDeviceToken(message.deviceToken);
        break;
      case 'pen-welcome':
        this.welcomed = true;
        this.fallback = undefined;
        this.backoff.reset();
        this.options.onLink('paired', 'none');
        break;
      case 'error':
        this.lastError = message;
        break;
      default:
        break;
    }
    this.options.onMessage(message);
  }

  private onClosed(auth: PenAuth, code: number): void {
    const error = this.lastError?.type === 'error' ? this.lastError : undefined;
    if (code === PEN_CLOSE.tooMany || error?.code === 'locked-out') {
      const wait = error?.retryAfterMs ?? 60_000;
      if (this.auth?.kind === 'device') return this.retryIn(wait);
      this.auth = undefined;
      return this.options.onLink('not-paired', 'locked-out', wait);
    }
    if (code === PEN_CLOSE.unauthorized || error?.code === 'unauthorized' || error?.code === 'revoked') {
      if (this.auth?.kind === 'device') this.options.onDeviceToken(undefined);
      const fallback = this.fallback;
      this.fallback = undefined;
      if (fallback) {
        // The stored token is gone, but the page came with a fresh QR token: pair with that.
        this.auth = fallback;
        return this.open(false);
      }
      this.auth = undefined;
      const problem: PairProblem = auth.kind === 'pin' ? 'wrong-pin' : auth.kind === 'pair' ? 'expired' : 'revoked';
      return this.options.onLink('not-paired', problem);
    }
    // After `paired` the credential is the device token, whatever the hello used.
    if (this.auth?.kind !== 'device') {
      // A spent QR token or PIN cannot be used again: ask for the current PIN.
      this.auth = undefined;
      return this.options.onLink('not-paired', auth.kind === 'pair' ? 'expired' : 'none');
    }
    this.retryIn(this.backoff.next());
  }

  private retryIn(ms: number): void {
    this.options.onLink('reconnecting', 'none');
    this.retryTimer = setTimeout(() => this.open(true), ms);
  }
}

/** ws://host:port/pen/ws next to the page. */
export function penSocketUrl(location: Location): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/pen/ws`;
}
