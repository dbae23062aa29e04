import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../model/write-file-atomic.js';
import { readJsonFile } from '../model/read-json-file.js';
import { setAside } from '../model/set-aside.js';
import type { HubLog } from './hub-log.js';
import { createSerialQueue } from './serial-queue.js';

/**
 * Paired tablets. A device token is shown to its tablet once and kept here
 * only as its SHA-256, so the file alone cannot be used to draw. Kept in
 * <stateDir>/paired-devices.json (atomic writes, one at a time); without a
 * stateDir pairings last as long as the hub. A file that cannot be read is
 * moved aside (and reported) and the hub starts with no paired devices: an
 * operator re-pairs tablets, the exhibit keeps running. A record that cannot
 * be read is skipped, not the whole file. At most MAX_DEVICES are kept (the
 * QR code is on the wall for anyone's phone): pairing one more forgets the
 * one seen least recently.
 */
export const DEVICES_FILE = 'paired-devices.json';

const recordSchema = z.strictObject({
  id: z.string().min(1).max(64),
  name: z.string().max(40),
  tokenSha256: z.string().regex(/^[0-9a-f]{64}$/),
  pairedAt: z.number(),
  lastSeenAt: z.number(),
});
const fileSchema = z.strictObject({ version: z.literal(1), devices: z.array(z.unknown()) });

/** Paired devices kept; a museum has a handful of tablets, visitors' phones come and go. */
export const MAX_DEVICES = 200;

export type DeviceRecord = z.infer<typeof recordSchema>;

export interface DeviceStore {
  /** Set when the file could not be read at start: what happened and where the old file went. */
  readonly problem: string | undefined;
  /** A new device and its token (the only time the token exists in clear); rejects when it could not be saved. */
  add(name: string, now: number): Promise<{ record: DeviceRecord; token: string }>;
  /** The device whose token this is, or undefined. */
  find(token: string): DeviceRecord | undefined;
  touch(id: string, now: number, name?: string): void;
  list(): readonly DeviceRecord[];
  /** False when there was no such device; rejects when the revocation could not be saved (it holds until the hub stops). */
  revoke(id: string): Promise<boolean>;
  /** Resolves once every write has landed (tests, shutdown). */
  flush(): Promise<void>;
}

const sha256 = (token: string): string => createHash('sha256').update(token).digest('hex');

export async function openDeviceStore(stateDir: string | undefined, log: HubLog): Promise<DeviceStore> {
  const file = stateDir ? path.join(stateDir, DEVICES_FILE) : undefined;
  const devices = new Map<string, DeviceRecord>();
  let problem: string | undefined;
  if (file) {
    const loaded = await load(file);
    if (loaded.ok) {
      const newest = [...loaded.devices].sort((a, b) => b.lastSeenAt - a.lastSeenAt).slice(0, MAX_DEVICES);
      for (const d of newest) devices.set(d.id, d);
      if (loaded.skipped) {
        problem = `${loaded.skipped} unreadable record(s) in ${file} skipped; those tablets must pair again`;
        log.error('paired devices file partly unreadable', { file, problem });
      }
    } else if (loaded.reason) {
      problem = await setAside(file, `${file}.corrupt-${Date.now()}`, loaded.reason, 'paired tablets must pair again');
      log.error('paired devices file unreadable', { file, problem });
    }
  }

  const serial = createSerialQueue();
  let writes: Promise<unknown> = Promise.resolve();
  /** Writes the devices; rejects when that failed (logged here; callers decide what the failure means). */
  function save(): Promise<void> {
    if (!file) return Promise.resolve();
    const text = JSON.stringify({ version: 1, devices: [...devices.values()] }, null, 2) + '\n';
    const write = serial(() => writeFileAtomic(file, text));
    writes = write.catch(() => undefined);
    return write.catch((error: unknown) => {
      log.error('could not save paired devices', { file, error: String(error) });
      throw new Error(`could not save ${file}: ${String(error)}`);
    });
  }

  // lastSeenAt is informational: saved at most once a minute per device, not on every reconnect.
  let touchTimer: NodeJS.Timeout | undefined;
  return {
    problem,
    async add(name, now) {
      const token = randomBytes(32).toString('base64url');
      const record: DeviceRecord = { id: `d-${randomBytes(6).toString('hex')}`, name, tokenSha256: sha256(token), pairedAt: now, lastSeenAt: now };
      let evicted: DeviceRecord | undefined;
      if (devices.size >= MAX_DEVICES) {
        evicted = [...devices.values()].reduce((a, b) => (b.lastSeenAt < a.lastSeenAt ? b : a));
        devices.delete(evicted.id);
        log.info('paired devices full: forgot the one seen least recently', { deviceId: evicted.id, lastSeenAt: evicted.lastSeenAt });
      }
      devices.set(record.id, record);
      try {
        await save();
      } catch (error) {
        // A token the hub would forget on its next start must not be handed out.
        devices.delete(record.id);
        if (evicted) devices.set(evicted.id, evicted);
        throw error;
      }
      return { record, token };
    },
    find(token) {
      const hash = Buffer.from(sha256(token), 'hex');
      for (const d of devices.values()) {
        if (timingSafeEqual(hash, Buffer.from(d.tokenSha256, 'hex'))) return d;
      }
      return undefined;
    },
    touch(id, now, name) {
      const d = devices.get(id);
      if (!d) return;
      d.lastSeenAt = now;
      if (name) d.name = name;
      touchTimer ??= setTimeout(() => {
        touchTimer = undefined;
        save().catch(() => undefined);
      }, 60_000).unref();
    },
    list: () => [...devices.values()],
    async revoke(id) {
      if (!devices.delete(id)) return false;
      await save();
      return true;
    },
    async flush() {
      if (touchTimer) {
        clearTimeout(touchTimer);
        touchTimer = undefined;
        await save().catch(() => undefined);
      }
      await writes;
    },
  };
}

type Loaded = { ok: true; devices: DeviceRecord[]; skipped?: number } | { ok: false; reason?: string };

async function load(file: string): Promise<Loaded> {
  const read = await readJsonFile(file);
  if (read.status === 'missing') return { ok: true, devices: [] };
  if (read.status !== 'read') return { ok: false, reason: read.reason };
  const parsed = fileSchema.safeParse(read.data);
  if (!parsed.success) return { ok: false, reason: `${file} does not hold paired devices (${parsed.error.issues[0]?.message ?? 'invalid'})` };
  const devices: DeviceRecord[] = [];
  const ids = new Set<string>();
  let skipped = 0;
  for (const raw of parsed.data.devices) {
    const record = recordSchema.safeParse(raw);
    if (record.success && !ids.has(record.data.id)) {
      devices.push(record.data);
      ids.add(record.data.id);
    } else {
      skipped++;
    }
  }
  return { ok: true, devices, skipped };
}
