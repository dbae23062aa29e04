import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultKioskSettings } from '../../../../app/contract/kiosk-settings.js';
import { operatorErrorSchema } from '../../../../app/contract/operator-error.js';
import { operatorStateSchema, type OperatorState } from '../../../../app/contract/operator-state.js';
import type { LogFields } from '../../../../main/hub/hub-log.js';
import { startHub, type RunningHub } from '../../../../main/hub/start-hub.js';
import { hashOperatorPin } from '../../../../main/settings/operator-pin.js';
import { createMemorySettingsStore, type SettingsStore } from '../../../../main/settings/settings-store.js';
import { REFERENCE_MANIFEST } from '../../../helpers/fixtures.js';
import { connectClient, socketOf, type TestClient } from './hub-test-client.js';
import { call, post, type Reply } from './operator-test-client.js';

// The operator API through the real hub over real HTTP, bound to 0.0.0.0 so
// that this machine's LAN address is a real non-loopback peer (a laptop).
// The lockout's clock is the test's own (`clock.t`): no waiting, no timing.

const PIN = '2468';
const LOOP = '127.0.0.1';

function lanAddress(): string {
  const found = Object.values(os.networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal && !a.address.startsWith('169.254.'));
  if (!found) throw new Error('operator-routes test: this machine has no non-loopback IPv4 address (see `hostname -I`); the LAN cases need one');
  return found.address;
}

let hub: RunningHub;
let settings: SettingsStore;
let lan: string;
const clock = { t: 1_000_000 };
const warnings: { message: string; fields?: LogFields }[] = [];

beforeAll(async () => {
  lan = lanAddress();
  settings = createMemorySettingsStore({ ...defaultKioskSettings(), operatorPin: await hashOperatorPin(PIN) });
  const log = { info: () => {}, warn: (message: string, fields?: LogFields) => void warnings.push({ message, fields }), error: () => {} };
  hub = await startHub({ host: '0.0.0.0', port: 0, log, modelPath: REFERENCE_MANIFEST, mdns: false, services: { settings }, operator: { now: () => clock.t } });
});
afterAll(async () => {
  await hub?.close();
});

function errorOf(reply: Reply): { code: string; message: string; retryAfterMs?: number } {
  const parsed = operatorErrorSchema.safeParse(reply.json());
  if (!parsed.success) throw new Error(`not an operator error: ${reply.body}`);
  return parsed.data;
}

async function login(host = LOOP, pin = PIN): Promise<string> {
  const reply = await post(host, hub.port, 'login', { pin });
  expect(reply.status, reply.body).toBe(200);
  return reply.json().token as string;
}

async function stateOf(token: string): Promise<OperatorState> {
  const reply = await call(LOOP, hub.port, 'GET', '/api/operator/state', { token });
  expect(reply.status, reply.body).toBe(200);
  return operatorStateSchema.parse(reply.json());
}

describe('operator API: the gate', () => {
  it('refuses state and actions without a session, and never says more than "log in"', async () => {
    const state = await call(LOOP, hub.port, 'GET', '/api/operator/state');
    expect(state.status).toBe(401);
    expect(errorOf(state).code).toBe('unauthorized');
    const forged = await post(LOOP, hub.port, 'action', { action: 'exit' }, 'made-up-token');
    expect(forged.status).toBe(401);
  });

  it('answers every malformed or hostile body with a typed error', async () => {
    const port = hub.port;
    const raw = (body: string, type = 'application/json') => call(LOOP, port, 'POST', '/api/operator/login', { body, headers: { 'Content-Type': type } });
    const cases: [Reply, number][] = [
      [await raw('{"pin": '), 400],
      [await raw('not json at all'), 400],
      [await raw('pin=1234', 'application/x-www-form-urlencoded'), 415],
      [await raw(JSON.stringify({ pin: 'x'.repeat(20_000) })), 413],
      [await raw(JSON.stringify({ pin: 2468 })), 400],
      [await raw(JSON.stringify({ pin: PIN, admin: true })), 400],
      [await raw(JSON.stringify([PIN])), 400],
      [await raw('null'), 400],
      [await call(LOOP, port, 'POST', '/api/operator/login', { body: '', headers: { 'Content-Type': 'application/json', 'Content-Length': String(1024 * 1024 * 1024) } }), 413],
      [await call(LOOP, port, 'PUT', '/api/operator/login', { body: '{}', headers: { 'Content-Type': 'application/json' } }), 405],
      [await call(LOOP, port, 'GET', '/api/operator/../model'), 404],
      [await call(LOOP, port, 'GET', '/api/operator/nothing-here'), 404],
      [await call(LOOP, port, 'POST', '/api/operator/login', { body: JSON.stringify({ pin: PIN }), headers: { 'Content-Type': 'application/json', Origin: 'http://evil.example' } }), 403],
      [await call(LOOP, port, 'GET', '/api/operator/state', { headers: { Host: `rebound.example:${port}` } }), 404],
    ];
    for (const [reply, status] of cases) {
      expect(reply.status, reply.body).toBe(status);
      expect(['bad-request', 'too-large', 'not-found', 'unauthorized']).toContain(errorOf(reply).code);
    }

    const token = await login();
    const action = (value: unknown) => post(LOOP, port, 'action', value, token);
    for (const bad of [
      { action: 'format-disk' },
      { action: 'preview-snapshot' },
      { action: 'preview-snapshot', snapshotId: 7 },
      { action: 'preview-snapshot', snapshotId: 'x'.repeat(201) },
      { action: 'keep-snapshot', snapshotId: 'initial' },
      { action: 'set-settings', change: { operatorPin: null } },
      { action: 'set-settings', change: { modelPath: '/etc/passwd' } },
      { action: 'set-settings', change: { idleTimeoutS: 5 } },
      { action: 'set-settings', change: { attractScenes: [] } },
      { action: 'set-settings', change: { updates: { feedUrl: 'file:///etc/passwd' } } },
      { action: 'set-settings', change: { openingHours: { enabled: true, days: [] } } },
      { action: 'switch-model', modelId: '../../etc' },
      { action: 'set-pin', current: PIN, next: '12' },
    ]) {
      const reply = await action(bad);
      expect(reply.status, JSON.stringify(bad)).toBeGreaterThanOrEqual(400);
      expect(reply.status).toBeLessThan(500);
    }
    const idle = errorOf(await action({ action: 'set-settings', change: { idleTimeoutS: 5 } }));
    expect(idle.message).toMatch(/^change\.idleTimeoutS: /);
    // Nothing of it reached the settings.
    expect(settings.get().idleTimeoutS).toBe(defaultKioskSettings().idleTimeoutS);
    expect(settings.get().operatorPin).not.toBeNull();
  });
});

describe('operator API: PIN lockout over real HTTP', () => {
  it('locks an address after 5 wrong PINs, says how long, refuses even the right PIN, and lets it in after the lock', async () => {
    for (let i = 0; i < 4; i++) {
      const reply = await post(LOOP, hub.port, 'login', { pin: '0000' });
      expect(reply.status).toBe(401);
      expect(errorOf(reply).code).toBe('unauthorized');
    }
    const locked = await post(LOOP, hub.port, 'login', { pin: '0000' });
    expect(locked.status).toBe(429);
    expect(errorOf(locked)).toMatchObject({ code: 'locked-out', retryAfterMs: 60_000 });
    const right = await post(LOOP, hub.port, 'login', { pin: PIN });
    expect(right.status).toBe(429);
    clock.t += 30_000;
    expect(errorOf(await post(LOOP, hub.port, 'login', { pin: PIN })).retryAfterMs).toBe(30_000);
    clock.t += 30_000;
    await login();
    expect(warnings.some((w) => w.message === 'operator login refused' && w.fields?.code === 'locked-out')).toBe(true);
  });

  it('doubles the lock for an address that keeps guessing', async () => {
    for (let i = 0; i < 5; i++) await post(LOOP, hub.port, 'login', { pin: '1111' });
    clock.t += 60_000;
    let last: Reply | undefined;
    for (let i = 0; i < 5; i++) last = await post(LOOP, hub.port, 'login', { pin: '1111' });
    expect(errorOf(last!)).toMatchObject({ code: 'locked-out', retryAfterMs: 120_000 });
    clock.t += 120_000;
    await login();
  });

  it('serves the LAN the same menu behind the same PIN, with its own lockout; display routes stay loopback only', async () => {
    expect((await call(lan, hub.port, 'GET', '/api/model')).status).toBe(404);
    expect((await call(lan, hub.port, 'GET', '/display/')).status).toBe(404);
    expect((await call(lan, hub.port, 'GET', '/api/operator/state')).status).toBe(401);
    const page = await call(lan, hub.port, 'GET', '/operator/');
    expect(page.status).toBe(200);
    // The operator page may be framed by the hub's own display (the overlay); nothing else may be framed.
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'self'");
    expect(page.headers['x-frame-options']).toBe('SAMEORIGIN');
    const api = await call(lan, hub.port, 'GET', '/api/operator/state');
    expect(api.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(api.headers['x-frame-options']).toBe('DENY');
    const display = await call(LOOP, hub.port, 'GET', '/display/');
    expect(display.headers['content-security-policy']).toContain("frame-src 'self'");
    expect(display.headers['content-security-policy']).toContain("frame-ancestors 'none'");

    for (let i = 0; i < 5; i++) await post(lan, hub.port, 'login', { pin: '9999' });
    const locked = await post(lan, hub.port, 'login', { pin: PIN });
    expect(errorOf(locked).code).toBe('locked-out');
    // The laptop's guesses do not lock the exhibit screen out.
    await login(LOOP);
    clock.t += 60_000;
    const token = await login(lan);
    const state = await call(lan, hub.port, 'GET', '/api/operator/state', { token });
    expect(state.status).toBe(200);
  });
});

describe('operator API: what the menu does', () => {
  let token: string;
  let display: TestClient;
  beforeAll(async () => {
    clock.t += 3_600_000;
    token = await login();
    const { wsUrl, secret } = socketOf(hub.displayUrl);
    display = await connectClient(wsUrl);
    display.send({ type: 'hello', role: 'display', protocol: 1, secret });
    await display.next('welcome');
  });
  afterAll(() => display?.close());

  it('reports state without the PIN hash', async () => {
    const reply = await call(LOOP, hub.port, 'GET', '/api/operator/state', { token });
    const hash = settings.get().operatorPin!;
    expect(reply.body).not.toContain(hash.hash);
    expect(reply.body).not.toContain(hash.salt);
    const state = operatorStateSchema.parse(reply.json());
    expect(state.settings.pinSet).toBe(true);
    expect(state.snapshotId).toBe('dataset_50x');
    expect(state.model.timeline).toHaveLength(35);
    expect(state.health.displays.connected).toBe(1);
    expect(state.health.memory.rss).toBeGreaterThan(0);
    expect(state.health.training.backend).toMatch(/^(node-gpu|node|wasm|cpu)$/);
    expect(state.updates).toBeNull();
    expect(state.shell).toBeNull();
    expect(state.uploadProblem).toMatch(/state folder/);
    expect(state.installedModels.map((m) => m.id)).toEqual(['bundled']);
    expect(state.health.recentProblems.some((p) => p.message === 'operator login refused')).toBe(true);
  });

  it('previews a snapshot on the displays, keeps it as default, and goes back', async () => {
    const preview = await post(LOOP, hub.port, 'action', { action: 'preview-snapshot', snapshotId: 'initial' }, token);
    expect(preview.status, preview.body).toBe(200);
    expect(operatorStateSchema.parse(preview.json()).snapshotId).toBe('initial');
    await display.next('snapshot', 10_000, (m) => m.snapshotId === 'initial');
    expect(settings.get().snapshotId).toBeNull();

    const keep = operatorStateSchema.parse((await post(LOOP, hub.port, 'action', { action: 'keep-snapshot' }, token)).json());
    expect(settings.get().snapshotId).toBe('initial');
    expect(keep.defaultSnapshotId).toBe('initial');

    await post(LOOP, hub.port, 'action', { action: 'preview-snapshot', snapshotId: 'dataset_50x' }, token);
    const back = operatorStateSchema.parse((await post(LOOP, hub.port, 'action', { action: 'revert-snapshot' }, token)).json());
    expect(back.snapshotId).toBe('initial');
    await display.next('snapshot', 10_000, (m) => m.snapshotId === 'initial');

    const unknown = await post(LOOP, hub.port, 'action', { action: 'preview-snapshot', snapshotId: 'no-such' }, token);
    expect(unknown.status).toBe(404);
    expect(errorOf(unknown).code).toBe('unknown-snapshot');
    expect((await stateOf(token)).snapshotId).toBe('initial');
  });

  it('puts the default snapshot back when the operator locks the menu during a preview', async () => {
    const other = (await post(LOOP, hub.port, 'login', { pin: PIN })).json().token as string;
    await post(LOOP, hub.port, 'action', { action: 'preview-snapshot', snapshotId: 'dataset_50x' }, other);
    await display.next('snapshot', 10_000, (m) => m.snapshotId === 'dataset_50x');
    expect((await post(LOOP, hub.port, 'action', { action: 'logout' }, other)).status).toBe(204);
    await display.next('snapshot', 10_000, (m) => m.snapshotId === settings.get().snapshotId);
    expect((await stateOf(token)).snapshotId).toBe(settings.get().snapshotId);
  });

  it('saves settings fields and refuses what the schema refuses', async () => {
    const reply = await post(LOOP, hub.port, 'action', { action: 'set-settings', change: { language: 'de', idleTimeoutS: 90, attractScenes: ['digit', 'cta'], updates: { channel: 'beta' } } }, token);
    expect(reply.status, reply.body).toBe(200);
    expect(settings.get()).toMatchObject({ language: 'de', idleTimeoutS: 90, attractScenes: ['digit', 'cta'], updates: { channel: 'beta', feedUrl: null } });
    const state = operatorStateSchema.parse(reply.json());
    expect(state.settings.language).toBe('de');
  });

  it('says "not available in this mode" for updates, restart and exit when the kiosk has no updater or shell', async () => {
    for (const action of ['check-update', 'install-update', 'restart', 'exit']) {
      const reply = await post(LOOP, hub.port, 'action', { action }, token);
      expect(reply.status).toBe(409);
      expect(errorOf(reply)).toMatchObject({ code: 'not-available' });
      expect(errorOf(reply).message).toContain('not available in this mode');
    }
  });

  it('changes the PIN only with the current one, and every session ends with it', async () => {
    const wrong = await post(LOOP, hub.port, 'action', { action: 'set-pin', current: '0000', next: '13579' }, token);
    expect(wrong.status).toBe(400);
    expect(errorOf(wrong).message).toContain('current PIN');
    const other = await login();
    const changed = await post(LOOP, hub.port, 'action', { action: 'set-pin', current: PIN, next: '13579' }, token);
    expect(changed.status).toBe(204);
    expect((await call(LOOP, hub.port, 'GET', '/api/operator/state', { token: other })).status).toBe(401);
    expect((await post(LOOP, hub.port, 'login', { pin: PIN })).status).toBe(401);
    token = await login(LOOP, '13579');
  });

  it('ends a session on logout and after 15 minutes without a request', async () => {
    const second = await login(LOOP, '13579');
    expect((await post(LOOP, hub.port, 'action', { action: 'logout' }, second)).status).toBe(204);
    expect((await call(LOOP, hub.port, 'GET', '/api/operator/state', { token: second })).status).toBe(401);
    clock.t += 15 * 60_000 + 1;
    expect((await call(LOOP, hub.port, 'GET', '/api/operator/state', { token })).status).toBe(401);
  });

  it('refuses uploads without a state folder, before reading them', async () => {
    token = await login(LOOP, '13579');
    const reply = await call(LOOP, hub.port, 'POST', '/api/operator/model', { body: 'x'.repeat(1000), headers: { 'Content-Type': 'multipart/form-data; boundary=x' }, token });
    expect(reply.status).toBe(409);
    expect(errorOf(reply)).toMatchObject({ code: 'not-available' });
  });
});
