import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultKioskSettings, type KioskSettings } from '../../../../app/contract/kiosk-settings.js';
import { readyLine } from '../../../../main/cli/serve-command.js';
import { silentLog, type HubLog } from '../../../../main/hub/hub-log.js';
import { startHub, type RunningHub } from '../../../../main/hub/start-hub.js';
import { verifyOperatorPin } from '../../../../main/settings/operator-pin.js';
import { createMemorySettingsStore } from '../../../../main/settings/settings-store.js';
import { REFERENCE_MANIFEST } from '../../../helpers/fixtures.js';
import { connectClient, socketOf, type TestClient } from './hub-test-client.js';
import { connectPen, pairTokenOf, penHello } from './pen-test-client.js';

// The real hub with a real state folder: the settings file, the first-start
// PIN, the exhibit-settings message and live changes, and which of flag,
// setting and default wins.
let hub: RunningHub;
let stateDir: string;

beforeAll(async () => {
  stateDir = await mkdtemp(path.join(os.tmpdir(), 'hub-settings-'));
  hub = await startHub({ port: 0, log: silentLog, stateDir, mdns: false, modelPath: REFERENCE_MANIFEST });
});
afterAll(async () => {
  await hub?.close();
  await rm(stateDir, { recursive: true, force: true });
});

async function display(of: RunningHub = hub): Promise<TestClient> {
  const { wsUrl, secret } = socketOf(of.displayUrl);
  const client = await connectClient(wsUrl);
  client.send({ type: 'hello', role: 'display', protocol: 1, secret });
  await client.next('welcome');
  return client;
}

describe('the hub and its settings', () => {
  it('a first start writes settings.json and makes an operator PIN', async () => {
    const saved = JSON.parse(await readFile(path.join(stateDir, 'settings.json'), 'utf8')) as KioskSettings;
    expect(saved.operatorPin).toEqual(hub.settings.get().operatorPin);
    const pin = (await readFile(path.join(stateDir, 'operator-pin.txt'), 'utf8')).split('\n')[0]!;
    expect(await verifyOperatorPin(pin, hub.settings.get().operatorPin)).toBe(true);
  });

  it('tells a display the exhibit settings after its welcome, and again on every change', async () => {
    const client = await display();
    try {
      const first = await client.next('exhibit-settings');
      expect(first).toEqual({ type: 'exhibit-settings', language: 'en', idleTimeoutS: 45, attractScenes: ['digit', 'timeline', 'camera', 'cta'], open: true, nextChangeAt: null });
      await hub.settings.update((s) => ({ ...s, idleTimeoutS: 90, attractScenes: ['digit', 'cta'] }));
      const changed = await client.next('exhibit-settings');
      expect(changed).toMatchObject({ idleTimeoutS: 90, attractScenes: ['digit', 'cta'] });
    } finally {
      client.close();
    }
  });

  it('outside the opening hours the display is told the exhibit is closed, and when that changes', async () => {
    const client = await display();
    try {
      await client.next('exhibit-settings');
      // Closed every day: closed now, and nothing will open it.
      await hub.settings.update((s) => ({ ...s, openingHours: { enabled: true, days: Array.from({ length: 7 }, () => null) } }));
      expect(await client.next('exhibit-settings')).toMatchObject({ open: false, nextChangeAt: null });
      const now = new Date();
      const days = Array.from({ length: 7 }, () => null as { open: string; close: string } | null);
      days[(now.getDay() + 1) % 7] = { open: '10:00', close: '11:00' };
      await hub.settings.update((s) => ({ ...s, openingHours: { enabled: true, days } }));
      const message = await client.next('exhibit-settings');
      expect(message.open).toBe(false);
      const tomorrowTen = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 10, 0).getTime();
      expect(message.nextChangeAt).toBe(tomorrowTen);
    } finally {
      await hub.settings.update((s) => ({ ...s, openingHours: { ...s.openingHours, enabled: false } }));
      client.close();
    }
  });

  it('a language change goes live to displays and pens, and new displays are welcomed in it', async () => {
    const client = await display();
    const pen = await connectPen(`ws://127.0.0.1:${hub.port}/pen/ws`);
    try {
      pen.send(penHello({ kind: 'pair', token: pairTokenOf(hub.pairing().penUrl) }, 'tablet'));
      expect((await pen.next('pen-welcome')).language).toBe('en');
      await hub.settings.update((s) => ({ ...s, language: 'de' }));
      expect((await client.next('exhibit-settings', 10_000, (m) => m.language === 'de')).language).toBe('de');
      expect((await pen.next('pen-welcome')).language).toBe('de');
      const later = await display();
      expect(later.received.find((m) => m.type === 'welcome')).toMatchObject({ language: 'de' });
      later.close();
    } finally {
      await hub.settings.update((s) => ({ ...s, language: 'en' }));
      pen.close();
      client.close();
    }
  });
});

describe('a settings file the hub cannot use', () => {
  it('starts with the last good copy or the defaults, and the ready line says what was wrong', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'hub-settings-bad-'));
    try {
      await writeFile(path.join(dir, 'settings.json'), '{ "idleTimeoutS": "forever" }');
      const other = await startHub({ port: 0, log: silentLog, stateDir: dir, mdns: false, modelPath: REFERENCE_MANIFEST });
      try {
        const line = JSON.parse(readyLine(other)) as { settingsProblem?: string };
        expect(line.settingsProblem).toMatch(/^settings\.json has an invalid value: idleTimeoutS: .*; moved to settings\.broken-.*; using the defaults$/);
        expect(other.settings.get().idleTimeoutS).toBe(45);
      } finally {
        await other.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('flag, setting, default', () => {
  const withSettings = (change: Partial<KioskSettings>) => createMemorySettingsStore({ ...defaultKioskSettings(), ...change });

  it('the setting wins over the default; a flag wins over the setting', async () => {
    const settings = withSettings({ language: 'de', modelPath: REFERENCE_MANIFEST, snapshotId: 'approx_120' });
    const bySettings = await startHub({ port: 0, log: silentLog, services: { settings } });
    try {
      expect(bySettings.modelPath).toBe(REFERENCE_MANIFEST);
      expect(bySettings.snapshotId).toBe('approx_120');
      expect(bySettings.settings).toBe(settings);
      const client = await display(bySettings);
      expect(client.received.find((m) => m.type === 'welcome')).toMatchObject({ language: 'de' });
      client.close();
    } finally {
      await bySettings.close();
    }
    const byFlags = await startHub({ port: 0, log: silentLog, services: { settings }, language: 'en', snapshotId: 'dataset_50x' });
    try {
      expect(byFlags.snapshotId).toBe('dataset_50x');
      const client = await display(byFlags);
      expect(client.received.find((m) => m.type === 'welcome')).toMatchObject({ language: 'en' });
      client.close();
    } finally {
      await byFlags.close();
    }
  });

  it('a saved model or snapshot that cannot be used falls back to the default model, and says so', async () => {
    const errors: string[] = [];
    const log: HubLog = { ...silentLog, error: (m) => errors.push(m) };
    const other = await startHub({ port: 0, log, services: { settings: withSettings({ modelPath: path.join(stateDir, 'gone.json'), snapshotId: 'nope' }) } });
    try {
      expect(other.modelPath).toMatch(/exports[/\\]mlp_weights\.json$/);
      expect(errors).toContain('the model or snapshot in the settings could not be used; showing the default model instead');
    } finally {
      await other.close();
    }
  });

  it('a flag naming a model that cannot be used still stops the start', async () => {
    await expect(startHub({ port: 0, log: silentLog, modelPath: path.join(stateDir, 'gone.json'), services: { settings: withSettings({}) } })).rejects.toThrow();
  });
});
