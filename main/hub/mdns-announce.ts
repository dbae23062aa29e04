import { Bonjour } from 'bonjour-service';
import type { HubLog } from './hub-log.js';

/** What the hub needs of an mDNS responder; tests pass their own. */
export interface MdnsResponder {
  publish(service: { name: string; type: string; port: number; txt: Record<string, string> }): { on(event: 'error', listener: (error: Error) => void): unknown };
  unpublishAll(callback: () => void): void;
  destroy(): void;
}

export type MdnsFactory = (onError: (error: unknown) => void) => MdnsResponder;

const bonjourFactory: MdnsFactory = (onError) => new Bonjour({}, onError) as unknown as MdnsResponder;

/**
 * Announces the pen page as `_http._tcp` "MLP Kiosk" with TXT path=/pen/, so
 * tablets and operators' tools can find the exhibit by name. Best effort:
 * guest Wi-Fi often blocks multicast, and pairing works without it (the QR
 * code carries the address), so every failure is a log line, never fatal.
 * Returns the disposer that takes the announcement back.
 */
export function announceHub(port: number, log: HubLog, options: { name?: string; factory?: MdnsFactory } = {}): () => Promise<void> {
  const name = options.name ?? 'MLP Kiosk';
  let errors = 0;
  const onError = (error: unknown): void => {
    if (++errors <= 3) log.warn('mDNS announcement failed (tablets can still pair by QR code or PIN)', { error: String(error) });
  };
  let responder: MdnsResponder | undefined;
  try {
    responder = (options.factory ?? bonjourFactory)(onError);
    responder.publish({ name, type: 'http', port, txt: { path: '/pen/' } }).on('error', onError);
    log.info('announced over mDNS', { name, type: '_http._tcp', port });
  } catch (error) {
    onError(error);
  }
  return async () => {
    const r = responder;
    responder = undefined;
    if (!r) return;
    try {
      // Goodbye packets tell browsers on the LAN at once; give them a moment, not the whole shutdown.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 1_000);
        r.unpublishAll(() => {
          clearTimeout(timer);
          resolve();
        });
      });
      r.destroy();
    } catch (error) {
      onError(error);
    }
  };
}
