import type { ClientMessage } from '../../app/contract/client-messages.js';
import type { HubMessage } from '../../app/contract/hub-messages.js';
import { PROTOCOL_VERSION } from '../../app/contract/limits.js';
import { parseHubMessage } from '../../app/contract/parse-hub-message.js';
import type { HubStatus } from './test-hook-types.js';

export type { HubStatus };

export interface HubClientOptions {
  /** ws://host:port/ws */
  readonly url: string;
  readonly secret: string;
  readonly onMessage: (message: HubMessage) => void;
  readonly onStatus: (status: HubStatus) => void;
  /** The page's frame rate, sent with every ping: the ping is the display's heartbeat. */
  readonly fps?: () => number | null;
}

export interface HubClient {
  /** Sends when connected; drops otherwise (the pad re-sends the whole drawing on reconnect). */
  send(message: ClientMessage): boolean;
  dispose(): void;
}

/** Reconnect delays: quick at first, then calm; jitter so several displays do not retry in step. */
export function backoffMs(attempt: number, random = Math.random): number {
  const base = Math.min(8_000, 400 * 2 ** attempt);
  return base * (0.75 + 0.5 * random());
}

/**
 * The display's connection to the hub: hello with the launch secret, typed
 * messages both ways, reconnect with backoff forever (a kiosk has nobody to
 * press reload), and a ping to notice a half-open socket.
 */
export function connectHub(options: HubClientOptions): HubClient {
  let ws: WebSocket | undefined;
  let attempt = 0;
  let disposed = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let pingTimer: ReturnType<typeof setInterval> | undefined;
  let lastHeard = 0;

  function open(): void {
    if (disposed) return;
    options.onStatus(attempt === 0 ? 'connecting' : 'reconnecting');
    const socket = new WebSocket(options.url);
    ws = socket;
    socket.onopen = () => {
      lastHeard = Date.now();
      socket.send(JSON.stringify({ type: 'hello', role: 'display', protocol: PROTOCOL_VERSION, secret: options.secret } satisfies ClientMessage));
    };
    socket.onmessage = (event: MessageEvent) => {
      lastHeard = Date.now();
      if (typeof event.data !== 'string') return;
      const parsed = parseHubMessage(event.data);
      if (!parsed.ok) {
        // A hub from another version: say so once per message, keep going.
        console.warn(`hub message ignored: ${parsed.reason}`);
        return;
      }
      const message = parsed.message;
      if (message.type === 'welcome') {
        attempt = 0;
        options.onStatus('connected');
      }
      if (message.type === 'error' && message.code === 'unauthorized') options.onStatus('refused');
      options.onMessage(message);
    };
    socket.onclose = () => {
      if (ws !== socket) return;
      ws = undefined;
      clearInterval(pingTimer);
      if (disposed) return;
      options.onStatus('reconnecting');
      retryTimer = setTimeout(open, backoffMs(attempt++));
    };
    // Errors are followed by close, which schedules the retry; nothing to add,
    // and logging them would turn a hub restart into console errors.
    socket.onerror = () => {};
    clearInterval(pingTimer);
    pingTimer = setInterval(() => {
      if (socket.readyState !== WebSocket.OPEN) return;
      if (Date.now() - lastHeard > 20_000) socket.close();
      else {
        const fps = options.fps?.() ?? null;
        socket.send(JSON.stringify({ type: 'ping', t: performance.now(), ...(fps === null ? {} : { fps }) } satisfies ClientMessage));
      }
    }, 5_000);
  }

  open();
  return {
    send(message) {
      if (!ws || ws.readyState !== WebSocket.OPEN) return false;
      ws.send(JSON.stringify(message));
      return true;
    },
    dispose() {
      disposed = true;
      clearTimeout(retryTimer);
      clearInterval(pingTimer);
      ws?.close();
    },
  };
}

/** The secret from the display URL's fragment (#k=...), and the socket URL next to the page. */
export function hubAddress(location: Location): { url: string; secret: string } {
  const secret = new URLSearchParams(location.hash.slice(1)).get('k') ?? '';
  return { url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`, secret };
}
