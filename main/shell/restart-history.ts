// The display's reloads and the kiosk's restarts, with their causes, kept in
// <stateDir>/shell-restarts.json so that the operator sees them across
// restarts (a nightly restart, a crash loop before it). No Electron here: the
// Chromium launcher keeps its history the same way.
import path from 'node:path';
import { z } from 'zod';
import type { RestartRecord } from '../hub/kiosk-services.js';
import type { HubLog } from '../hub/hub-log.js';
import { createSerialQueue } from '../hub/serial-queue.js';
import { writeFileAtomic } from '../model/write-file-atomic.js';
import { readJsonFile } from '../model/read-json-file.js';
import { setAside } from '../model/set-aside.js';

export const RESTARTS_FILE = 'shell-restarts.json';
/** Records kept: weeks of nightly restarts, or the story of one bad night. */
export const MAX_RESTARTS = 50;

const recordSchema = z.strictObject({ at: z.number().finite(), cause: z.string().min(1).max(200) });
const fileSchema = z.strictObject({ version: z.literal(1), restarts: z.array(recordSchema).max(10_000) });

export interface RestartHistory {
  /** Set when the file could not be read at start: why, and where it went. */
  readonly problem: string | undefined;
  /** Adds a record (oldest dropped past MAX_RESTARTS) and saves; never rejects (a failed save is logged). */
  record(cause: string, at?: number): void;
  /** Oldest first. */
  list(): readonly RestartRecord[];
  /** The most recent record with this cause, if any. */
  last(cause: string): RestartRecord | undefined;
  /** Resolves once every write has landed (tests, shutdown, before a relaunch). */
  flush(): Promise<void>;
}

export async function openRestartHistory(stateDir: string | undefined, log: HubLog, now: () => number = Date.now): Promise<RestartHistory> {
  const file = stateDir ? path.join(stateDir, RESTARTS_FILE) : undefined;
  let records: RestartRecord[] = [];
  let problem: string | undefined;
  if (file) {
    const loaded = await load(file);
    if (loaded.ok) records = loaded.records.slice(-MAX_RESTARTS);
    else if (loaded.reason) {
      problem = await setAside(file, `${file}.corrupt-${now()}`, loaded.reason, 'the restart history starts afresh');
      log.error('restart history unreadable', { file, problem });
    }
  }
  const serial = createSerialQueue();
  let writes: Promise<unknown> = Promise.resolve();
  return {
    problem,
    record(cause, at = now()) {
      records = [...records, { at, cause: cause.slice(0, 200) || 'unknown' }].slice(-MAX_RESTARTS);
      if (!file) return;
      const text = `${JSON.stringify({ version: 1, restarts: records }, null, 2)}\n`;
      writes = serial(() => writeFileAtomic(file, text)).catch((error: unknown) => log.error('could not save the restart history', { file, error: String(error) }));
    },
    list: () => records,
    last: (cause) => records.findLast((r) => r.cause === cause),
    flush: async () => {
      await writes;
    },
  };
}

type Loaded = { ok: true; records: RestartRecord[] } | { ok: false; reason: string | undefined };

async function load(file: string): Promise<Loaded> {
  const read = await readJsonFile(file);
  // No file yet is the normal first start.
  if (read.status === 'missing') return { ok: false, reason: undefined };
  if (read.status !== 'read') return { ok: false, reason: read.reason };
  const parsed = fileSchema.safeParse(read.data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `${file} is not a restart history (${issue ? `${issue.path.join('.') || '(file)'}: ${issue.message}` : 'invalid'})` };
  }
  return { ok: true, records: parsed.data.restarts };
}
