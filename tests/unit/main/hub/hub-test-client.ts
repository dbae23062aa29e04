import type { HubMessage } from '../../../../app/contract/hub-messages.js';
import { parseHubMessage } from '../../../../app/contract/parse-hub-message.js';
import { connectContractClient, type ContractClient } from './contract-client.js';

/** A real `ws` display client for hub tests; every hub message is checked against the display contract. */
export type TestClient = ContractClient<HubMessage>;

export function connectClient(wsUrl: string, headers: Record<string, string> = {}): Promise<TestClient> {
  return connectContractClient(wsUrl, { headers }, (text) => {
    const parsed = parseHubMessage(text);
    if (!parsed.ok) throw new Error(`hub sent a message off the contract: ${parsed.reason}`);
    return parsed.message;
  });
}

/** ws://host:port/ws and the secret, from the display URL the hub printed. */
export function socketOf(displayUrl: string): { wsUrl: string; secret: string } {
  const url = new URL(displayUrl);
  const secret = new URLSearchParams(url.hash.slice(1)).get('k') ?? '';
  return { wsUrl: `ws://${url.host}/ws`, secret };
}
