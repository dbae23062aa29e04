import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultKioskSettings } from '../../../../app/contract/kiosk-settings.js';
import { operatorStateSchema } from '../../../../app/contract/operator-state.js';
import type { UpdateStatus } from '../../../../app/contract/update-status.js';
import { silentLog } from '../../../../main/hub/hub-log.js';
import type { ShellControl, UpdateControl } from '../../../../main/hub/kiosk-services.js';
import { startHub, type RunningHub } from '../../../../main/hub/start-hub.js';
import { hashOperatorPin } from '../../../../main/settings/operator-pin.js';
import { createMemorySettingsStore } from '../../../../main/settings/settings-store.js';
import { REFERENCE_MANIFEST } from '../../../helpers/fixtures.js';
import { call, post } from './operator-test-client.js';

// The operator routes' wiring to the updater and the shell, through the real
// hub over HTTP. The updater and the shell are other parts of issue 6; here
// they are recording stand-ins of their interfaces (kiosk-services.ts), so
// this proves only what the menu asks of them and when, not that they work.

const PIN = '2468';
const status = (over: Partial<UpdateStatus> = {}): UpdateStatus => ({
  state: 'idle',
  currentVersion: '1.0.0',
  availableVersion: null,
  percent: null,
  lastCheckAt: null,
  nextCheckAt: null,
  error: null,
  waitingFor: null,
  pinnedVersion: null,
  lastGoodVersion: null,
  feedUrl: null,
  ...over,
});

const calls: string[] = [];
let next: UpdateStatus = status();
const updates: UpdateControl = {
  status: () => next,
  checkNow: async () => (calls.push('check'), next),
  installNow: async () => (calls.push('install'), next),
  onStatus: () => () => {},
  pin: async (which) => (calls.push(`pin:${which}`), next),
};
const shell: ShellControl = {
  kind: 'electron',
  reloadDisplay: (cause) => void calls.push(`reload:${cause}`),
  restart: (cause) => void calls.push(`restart:${cause}`),
  exit: () => void calls.push('exit'),
  restarts: () => [{ at: 1_700_000_000_000, cause: 'render process gone (crashed)' }],
};

let hub: RunningHub;
let token: string;
beforeAll(async () => {
  const settings = createMemorySettingsStore({ ...defaultKioskSettings(), operatorPin: await hashOperatorPin(PIN) });
  hub = await startHub({ port: 0, log: silentLog, modelPath: REFERENCE_MANIFEST, services: { settings, updates, shell } });
  token = (await post('127.0.0.1', hub.port, 'login', { pin: PIN })).json().token as string;
});
afterAll(async () => {
  await hub?.close();
});

describe('operator routes with an updater and a shell', () => {
  it('shows their status and restarts', async () => {
    next = status({ state: 'downloaded', availableVersion: '1.1.0', waitingFor: 'outside the maintenance window' });
    const state = operatorStateSchema.parse((await call('127.0.0.1', hub.port, 'GET', '/api/operator/state', { token })).json());
    expect(state.updates).toMatchObject({ state: 'downloaded', availableVersion: '1.1.0' });
    expect(state.shell).toBe('electron');
    expect(state.health.restarts).toEqual([{ at: 1_700_000_000_000, cause: 'render process gone (crashed)' }]);
  });

  it('checks and installs when asked, and reports an updater error as a typed error', async () => {
    expect((await post('127.0.0.1', hub.port, 'action', { action: 'check-update' }, token)).status).toBe(200);
    expect((await post('127.0.0.1', hub.port, 'action', { action: 'install-update' }, token)).status).toBe(200);
    next = status({ state: 'error', error: 'sha512 checksum mismatch' });
    const failed = await post('127.0.0.1', hub.port, 'action', { action: 'check-update' }, token);
    expect(failed.status).toBe(422);
    expect(failed.json()).toMatchObject({ code: 'update-error', message: 'sha512 checksum mismatch' });
    expect(calls).toEqual(['check', 'install', 'check']);
  });

  it('pins the running or the last good version, or follows the feed again; a bad request names the field', async () => {
    calls.length = 0;
    next = status({ lastGoodVersion: '1.0.0' });
    for (const which of ['current', 'last-good', null]) expect((await post('127.0.0.1', hub.port, 'action', { action: 'pin-update', which }, token)).status).toBe(200);
    expect(calls).toEqual(['pin:current', 'pin:last-good', 'pin:null']);
    const bad = await post('127.0.0.1', hub.port, 'action', { action: 'pin-update', which: '0.0.1' }, token);
    expect(bad.status).toBe(400);
    expect(calls).toHaveLength(3);
  });

  it('restarts and exits only after the reply has gone out', async () => {
    calls.length = 0;
    const restart = await post('127.0.0.1', hub.port, 'action', { action: 'restart' }, token);
    expect(restart.status).toBe(200);
    await expect.poll(() => calls).toEqual(['restart:operator']);
    const exit = await post('127.0.0.1', hub.port, 'action', { action: 'exit' }, token);
    expect(exit.status).toBe(200);
    await expect.poll(() => calls).toEqual(['restart:operator', 'exit']);
  });
});
