import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEVICES_FILE, MAX_DEVICES, openDeviceStore } from '../../../../main/hub/device-store.js';
import { silentLog } from '../../../../main/hub/hub-log.js';

// The paired-devices file in a real temporary state dir.
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'device-store-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const record = (id: string, lastSeenAt: number) => ({ id, name: id, tokenSha256: 'a'.repeat(64), pairedAt: 0, lastSeenAt });

describe('paired devices file', () => {
  it('skips a bad record instead of forgetting every tablet, and says so', async () => {
    await writeFile(path.join(dir, DEVICES_FILE), JSON.stringify({ version: 1, devices: [record('d-1', 1), { id: 'd-2', name: 7 }, record('d-1', 2), record('d-3', 3)] }));
    const store = await openDeviceStore(dir, silentLog);
    expect(store.list().map((d) => d.id).sort()).toEqual(['d-1', 'd-3']);
    expect(store.problem).toMatch(/^2 unreadable record\(s\) in .*paired-devices\.json skipped/);
  });

  it(`keeps at most ${MAX_DEVICES}: one more forgets the one seen least recently`, async () => {
    const many = Array.from({ length: MAX_DEVICES + 5 }, (_, i) => record(`d-${i}`, 1_000 + i));
    await writeFile(path.join(dir, DEVICES_FILE), JSON.stringify({ version: 1, devices: many }));
    const store = await openDeviceStore(dir, silentLog);
    expect(store.list()).toHaveLength(MAX_DEVICES);
    expect(store.list().some((d) => d.id === 'd-4')).toBe(false);
    expect(store.list().some((d) => d.id === 'd-5')).toBe(true);
    const { record: added } = await store.add('new tablet', 5_000);
    expect(store.list()).toHaveLength(MAX_DEVICES);
    expect(store.list().some((d) => d.id === 'd-5')).toBe(false);
    const saved = JSON.parse(await readFile(path.join(dir, DEVICES_FILE), 'utf8')) as { devices: { id: string }[] };
    expect(saved.devices).toHaveLength(MAX_DEVICES);
    expect(saved.devices.some((d) => d.id === added.id)).toBe(true);
  });

  it('a pairing that cannot be saved is refused (no token the next start would not know); a revoke that cannot be saved says so', async () => {
    const store = await openDeviceStore(dir, silentLog);
    const first = await store.add('tablet 1', 1);
    // A directory where the file should be: the rename fails for root too.
    await rm(path.join(dir, DEVICES_FILE));
    await mkdir(path.join(dir, DEVICES_FILE, 'in-the-way'), { recursive: true });
    await expect(store.add('tablet 2', 2)).rejects.toThrow(/could not save .*paired-devices\.json/);
    expect(store.list().map((d) => d.id)).toEqual([first.record.id]);
    await expect(store.revoke(first.record.id)).rejects.toThrow(/could not save/);
    // No temporary files are left behind.
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
