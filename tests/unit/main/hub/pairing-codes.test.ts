import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDeviceStore } from '../../../../main/hub/device-store.js';
import { silentLog } from '../../../../main/hub/hub-log.js';
import { createPairingCodes, type PairingClock } from '../../../../main/hub/pairing-codes.js';
import { lanAddressOf, penUrlOf } from '../../../../main/hub/pairing-url.js';

/** A clock the test moves by hand; timers fire when it passes them. */
function manualClock(): PairingClock & { advance(ms: number): void } {
  let now = 1_000;
  let timers: { at: number; fn: () => void; id: number }[] = [];
  let ids = 0;
  return {
    now: () => now,
    setTimeout: (fn, ms) => {
      timers.push({ at: now + ms, fn, id: ++ids });
      return ids;
    },
    clearTimeout: (id) => void (timers = timers.filter((t) => t.id !== id)),
    advance(ms) {
      now += ms;
      for (const t of timers.filter((x) => x.at <= now)) {
        timers = timers.filter((x) => x !== t);
        t.fn();
      }
    },
  };
}

describe('pairing codes', () => {
  it('a token works once, a PIN works once, and both rotate every 3 minutes', () => {
    const clock = manualClock();
    const codes = createPairingCodes({ clock });
    const seen: string[] = [];
    codes.onChange((c) => seen.push(c.pin));
    const first = codes.current();
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(first.pin).toMatch(/^\d{6}$/);
    expect(first.expiresAt).toBe(1_000 + 180_000);
    expect(codes.useToken(first.token)).toBe(true);
    expect(codes.useToken(first.token)).toBe(false);
    const second = codes.current();
    expect(codes.usePin(second.pin)).toBe(true);
    expect(codes.usePin(second.pin)).toBe(false);
    expect(seen).toHaveLength(2);
    const third = codes.current();
    clock.advance(179_999);
    expect(codes.current()).toBe(third);
    clock.advance(1);
    expect(codes.current()).not.toBe(third);
    expect(codes.useToken(third.token)).toBe(false);
    codes.dispose();
  });

  it('an expired token is refused even before the rotation timer ran', () => {
    let now = 0;
    const clock: PairingClock = { now: () => now, setTimeout: () => 0, clearTimeout: () => {} };
    const codes = createPairingCodes({ clock });
    const { token, pin } = codes.current();
    now = 180_000;
    expect(codes.useToken(token)).toBe(false);
    expect(codes.usePin(pin)).toBe(false);
  });

  it('replaces the PIN (only: the QR code stays good) after 20 wrong guesses from anywhere', () => {
    const codes = createPairingCodes({ clock: manualClock() });
    const { pin, token } = codes.current();
    const wrong = pin === '000000' ? '000001' : '000000';
    const seen: string[] = [];
    codes.onChange((c) => seen.push(c.pin));
    for (let i = 0; i < 19; i++) codes.usePin(wrong);
    expect(seen).toEqual([]);
    codes.usePin(wrong);
    expect(seen).toHaveLength(1);
    expect(codes.current().token).toBe(token);
    expect(codes.useToken(token)).toBe(true);
  });

  it('pen URLs carry the LAN address and the token in the fragment', () => {
    expect(penUrlOf('192.0.2.2', 8421, 'abc')).toBe('http://192.0.2.2:8421/pen/#pair=abc');
    const nic = (address: string, internal = false) => ({ address, family: 'IPv4' as const, internal, netmask: '', mac: '', cidr: null });
    expect(lanAddressOf({ lo: [nic('127.0.0.1', true)], a: [nic('169.254.1.1'), nic('203.0.113.5')], b: [nic('192.168.1.20')] })).toBe('192.168.1.20');
    expect(lanAddressOf({ a: [nic('169.254.1.1')] })).toBe('169.254.1.1');
    expect(lanAddressOf({ lo: [nic('127.0.0.1', true)] })).toBeUndefined();
  });
});

describe('device store', () => {
  it('keeps token hashes only, writes atomically, and survives a reopen', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'devices-'));
    try {
      const store = await openDeviceStore(dir, silentLog);
      const { record, token } = await store.add('iPad', 5);
      expect(store.find(token)?.id).toBe(record.id);
      expect(store.find(token + 'x')).toBeUndefined();
      const text = await readFile(path.join(dir, 'paired-devices.json'), 'utf8');
      expect(text).not.toContain(token);
      const again = await openDeviceStore(dir, silentLog);
      expect(again.find(token)?.name).toBe('iPad');
      expect(await again.revoke(record.id)).toBe(true);
      expect(await again.revoke(record.id)).toBe(false);
      expect((await openDeviceStore(dir, silentLog)).find(token)).toBeUndefined();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('moves a file of the wrong shape aside and reports it', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'devices-'));
    try {
      await writeFile(path.join(dir, 'paired-devices.json'), JSON.stringify({ version: 2, devices: [] }));
      const errors: string[] = [];
      const store = await openDeviceStore(dir, { ...silentLog, error: (m: string) => void errors.push(m) });
      expect(store.problem).toMatch(/does not hold paired devices/);
      expect(errors).toEqual(['paired devices file unreadable']);
      expect(store.list()).toEqual([]);
      await store.add('new', 1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
