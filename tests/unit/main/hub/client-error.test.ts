import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_ERROR_LIMITS } from '../../../../app/contract/client-error.js';
import { attractDigitsResponseSchema } from '../../../../app/contract/attract-digits.js';
import { parseClientMessage } from '../../../../app/contract/parse-client-message.js';
import { createClientErrorLog } from '../../../../main/hub/client-error-log.js';
import type { HubLog, LogFields } from '../../../../main/hub/hub-log.js';
import { startHub, type RunningHub } from '../../../../main/hub/start-hub.js';
import { connectClient, socketOf, type TestClient } from './hub-test-client.js';

// Display page errors reach the hub log through one bounded, rate-limited
// message; the attract mode's MNIST digits come from one endpoint. Real hub.
type Line = { level: string; message: string; fields?: LogFields };
const lines: Line[] = [];
const log: HubLog = {
  info: (message, fields) => lines.push({ level: 'info', message, fields }),
  warn: (message, fields) => lines.push({ level: 'warn', message, fields }),
  error: (message, fields) => lines.push({ level: 'error', message, fields }),
};
let hub: RunningHub;
let wsUrl: string;
let secret: string;

beforeAll(async () => {
  hub = await startHub({ port: 0, log });
  ({ wsUrl, secret } = socketOf(hub.displayUrl));
});
afterAll(() => hub?.close());

async function display(): Promise<TestClient> {
  const client = await connectClient(wsUrl);
  client.send({ type: 'hello', role: 'display', protocol: 1, secret });
  await client.next('welcome');
  return client;
}

const text = (m: unknown) => {
  const t = JSON.stringify(m);
  return { kind: 'text' as const, text: t, bytes: Buffer.byteLength(t) };
};

describe('client-error contract', () => {
  it('accepts a bounded error and refuses oversized, unknown-key and wrongly typed ones', () => {
    expect(parseClientMessage(text({ type: 'client-error', kind: 'error', message: 'boom', stack: 'at x', source: 'main.js:1' })).ok).toBe(true);
    const refused = [
      { type: 'client-error', kind: 'error', message: 'x'.repeat(CLIENT_ERROR_LIMITS.maxMessage + 1) },
      { type: 'client-error', kind: 'error', message: 'm', stack: 's'.repeat(CLIENT_ERROR_LIMITS.maxStack + 1) },
      { type: 'client-error', kind: 'error', message: 'm', source: 's'.repeat(CLIENT_ERROR_LIMITS.maxSource + 1) },
      { type: 'client-error', kind: 'crash', message: 'm' },
      { type: 'client-error', kind: 'error', message: { toString: 'no' } },
      { type: 'client-error', kind: 'error', message: 'm', extra: 1 },
      { type: 'client-error', kind: 'error' },
    ];
    for (const m of refused) {
      const result = parseClientMessage(text(m));
      expect(result.ok, JSON.stringify(m).slice(0, 80)).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('invalid-message');
    }
  });

  it('rate-limits: the first few per window in full, the rest counted in one line', () => {
    const out: Line[] = [];
    let t = 0;
    const sink: HubLog = { info: () => {}, warn: (message, fields) => out.push({ level: 'warn', message, fields }), error: (message, fields) => out.push({ level: 'error', message, fields }) };
    const report = createClientErrorLog(sink, { perWindow: 3, windowMs: 1_000, now: () => t });
    for (let i = 0; i < 50; i++) report({ type: 'client-error', kind: 'error', message: `e${i}` });
    expect(out.map((l) => l.fields?.message)).toEqual(['e0', 'e1', 'e2']);
    t = 1_000;
    report({ type: 'client-error', kind: 'unhandledrejection', message: 'later' });
    expect(out.slice(3)).toEqual([
      { level: 'warn', message: 'display page errors not logged (rate limit)', fields: { suppressed: 47 } },
      { level: 'error', message: 'display page error', fields: { kind: 'unhandledrejection', message: 'later' } },
    ]);
  });
});

describe('hub and client-error', () => {
  it('logs a display page error and keeps serving', async () => {
    const client = await display();
    client.send({ type: 'client-error', kind: 'error', message: 'TypeError: x is undefined', stack: 'at main.js:10:5', source: 'main.js:10' });
    client.send({ type: 'ping', t: 1 });
    await client.next('pong');
    expect(lines).toContainEqual({ level: 'error', message: 'display page error', fields: { kind: 'error', message: 'TypeError: x is undefined', stack: 'at main.js:10:5', source: 'main.js:10' } });
    client.close();
  });

  it('answers an oversized or hostile client-error with a typed error, logs it sparingly, and stays up', async () => {
    const client = await display();
    const before = lines.filter((l) => l.message === 'display page error').length;
    client.send({ type: 'client-error', kind: 'error', message: 'x'.repeat(100_000) });
    expect((await client.next('error')).code).toBe('invalid-message');
    client.sendRaw(JSON.stringify({ type: 'client-error', kind: 'error', message: 'm', stack: 'y'.repeat(600 * 1024) }));
    expect((await client.next('error')).code).toBe('too-large');
    client.send({ type: 'client-error', kind: 'error', message: 'm', __proto__: { polluted: true }, constructor: 'x' });
    expect((await client.next('error')).code).toBe('invalid-message');
    // A flood from one page: only the first five reach the log.
    for (let i = 0; i < 200; i++) client.send({ type: 'client-error', kind: 'error', message: `flood ${i}` });
    client.send({ type: 'ping', t: 2 });
    await client.next('pong');
    const logged = lines.filter((l) => l.message === 'display page error').length - before;
    expect(logged).toBe(5);
    expect(lines.some((l) => JSON.stringify(l).includes('x'.repeat(1000)))).toBe(false);
    client.close();
  });

  it('refuses client-error before hello', async () => {
    const client = await connectClient(wsUrl);
    client.send({ type: 'client-error', kind: 'error', message: 'early' });
    expect((await client.next('error')).code).toBe('hello-required');
    client.close();
  });
});

describe('GET /api/attract-digits', () => {
  it('serves real MNIST test digits as strokes, the same for the same seed, behind the secret', async () => {
    const url = `${hub.url}api/attract-digits?seed=7`;
    expect((await fetch(url)).status).toBe(401);
    const get = async () => attractDigitsResponseSchema.parse(await (await fetch(url, { headers: { Authorization: `Bearer ${secret}` } })).json());
    const a = await get();
    const b = await get();
    expect(a).toEqual(b);
    expect(a.digits.length).toBe(8);
    expect(new Set(a.digits.map((d) => d.source)).size).toBe(8);
    for (const d of a.digits) {
      expect(d.source).toMatch(/^mnist-test#\d+$/);
      for (const s of d.strokes) for (const [x, y] of s) expect(Math.max(x, y)).toBeLessThanOrEqual(a.surface);
    }
  });
});
