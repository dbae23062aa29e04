import type WebSocket from 'ws';
import { penHubMessageSchema, type PenHubMessage } from '../../../../app/contract/pen-hub-messages.js';
import { connectContractClient, type ContractClient } from './contract-client.js';

/** A real `ws` pen client for hub tests; every hub message is checked against the pen contract. */
export type PenClient = ContractClient<PenHubMessage>;

export function connectPen(url: string, options: WebSocket.ClientOptions = {}): Promise<PenClient> {
  return connectContractClient(url, options, (text) => {
    const parsed = penHubMessageSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`hub sent a pen message off the contract: ${text.slice(0, 200)}`);
    return parsed.data;
  });
}

let counter = 0;
export function penHello(auth: unknown, name = 'test pen'): unknown {
  return { type: 'hello', role: 'pen', protocol: 1, clientId: `client-${++counter}-${Date.now()}`, name, auth };
}

/** The pair token in a pen URL's #pair= fragment. */
export function pairTokenOf(penUrl: string): string {
  return new URL(penUrl).hash.replace(/^#pair=/, '');
}
