import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../model/write-file-atomic.js';
import type { HubLog } from './hub-log.js';
import { createSerialQueue } from './serial-queue.js';

/**
 * Paired tablets. A device token is shown to its tablet once and kept here
 * only as its SHA-256, so the file alone cannot be used to draw. Kept in
 * <stateDir>/paired-devices.json (atomic writes, one at a time); without a
 * stateDir pairings last as long as the hub. A file that cannot be read is
 * moved aside (and reported) and the hub starts with no paired devices: an
 * operator re-pairs tablets, the exhibit keeps running.
 */
export const DEVICES_FILE = 'paired-devices.json';

const recordSchema = z.strictObject({
  id: z.string().min(1).max(64),
  name: z.string().max(40),
  tokenSha256: z.string().regex(/^[0-9a-f]{64}$/),
  pairedAt: z.number(),
  lastSeenAt: z.number(),
});
const fileSchema = z.strictObject({ version: z.literal(1), devices: z.array(recordSchema).max(10_000) });

export type DeviceRecord = z.infer<typeof recordSchema>;

export interface DeviceStore {
  /** Set when the file could not be read at start: what happened and where the old file went. */
  readonly problem: string | undefined;
  /** A new device and its token (the only time the token exists in clear). */
  add(name: string, now: number): Promise<{ record: DeviceRecord; token: string }>;
  /** The device whose token this is, or undefined. */
  find(token: string): DeviceRecord | undefined;
  touch(id: string, now: number, name?: string): void;
  list(): readonly DeviceRecord[];
  /** False when there was no such device. */
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
    if (loaded.ok) for (const d of loaded.devices) devices.set(d.id, d);
    else if (loaded.reason) {
      const aside = `${file}.corrupt-${Date.now()}`;
      try {
        await rename(file, aside);
        problem = `${loaded.reason}; moved to ${aside}, paired tablets must pair again`;
      } catch (error) {
        problem = `${loaded.reason}; could not move it aside (${String(error)})`;
      }
      log.error('paired devices file unreadable', { file, problem });
    }
  }

  const serial = createSerialQueue();
  let writes: Promise<unknown> = Promise.resolve();
  function save(): Promise<void> {
    if (!file) return Promise.resolve();
    const text = JSON.stringify({ version: 1, devices: [...devices.values()] }, null, 2) + '\n';
    const write = serial(() => writeFileAtomic(file, text)).catch((error: unknown) => log.error('could not save paired devices', { file, error: String(error) }));
    writes = write;
    return write;
  }

  // lastSeenAt is informational: saved at most once a minute per device, not on every reconnect.
  let touchTimer: NodeJS.Timeout | undefined;
  return {
    problem,
    async add(name, now) {
      const token = randomBytes(32).toString('base64url');
      const record: DeviceRecord = { id: `d-${randomBytes(6).toString('hex')}`, name, tokenSha256: sha256(token), pairedAt: now, lastSeenAt: now };
      devices.set(record.id, record);
      await save();
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
        void save();
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
        await save();
      }
      await writes;
    },
  };
}

type Loaded = { ok: true; devices: DeviceRecord[] } | { ok: false; reason?: string };

async function load(file: string): Promise<Loaded> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: true, devices: [] };
    return { ok: false, reason: `cannot read ${file}: ${String(error)}` };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, reason: `${file} is not valid JSON` };
  }
  const parsed = fileSchema.safeParse(data);
  return parsed.success ? { ok: true, devices: parsed.data.devices } : { ok: false, reason: `${file} does not hold paired devices (${parsed.error.issues[0]?.message ?? 'invalid'})` };
}
