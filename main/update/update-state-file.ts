import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../model/write-file-atomic.js';
import { readJsonFile } from '../model/read-json-file.js';
import { setAside } from '../model/set-aside.js';

/**
 * What the updater remembers across restarts: the last version that ran well
 * (the one to roll back to). One small JSON file in the state folder, written
 * atomically; a file that is not valid is moved aside (kept for whoever wants
 * to look) and reported, and the updater starts with nothing remembered.
 */
export const updateStateSchema = z.strictObject({
  version: z.literal(1),
  lastGoodVersion: z.string().min(1).max(64).nullable(),
  /** Epoch ms when it was marked good. */
  lastGoodAt: z.number().int().nonnegative().nullable(),
});

export type UpdateStateFile = z.infer<typeof updateStateSchema>;

export const UPDATE_STATE_FILE = 'update-state.json';

export function emptyUpdateState(): UpdateStateFile {
  return { version: 1, lastGoodVersion: null, lastGoodAt: null };
}

export interface ReadUpdateState {
  readonly state: UpdateStateFile;
  /** Set when the file was there but unusable: what was wrong and where it was moved. */
  readonly problem: string | undefined;
}

export async function readUpdateState(stateDir: string, now: number): Promise<ReadUpdateState> {
  const file = path.join(stateDir, UPDATE_STATE_FILE);
  const read = await readJsonFile(file);
  if (read.status === 'missing') return { state: emptyUpdateState(), problem: undefined };
  // Unreadable (permissions, a folder in its place): nothing to move aside; the state starts empty this run.
  if (read.status === 'unreadable') return { state: emptyUpdateState(), problem: read.reason };
  let why = 'not JSON';
  if (read.status === 'read') {
    const parsed = updateStateSchema.safeParse(read.data);
    if (parsed.success) return { state: parsed.data, problem: undefined };
    why = parsed.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`)
      .join('; ');
  }
  return { state: emptyUpdateState(), problem: await setAside(file, `${file}.bad-${now}`, `${file} was not valid (${why})`, 'last good version forgotten') };
}

export async function writeUpdateState(stateDir: string, state: UpdateStateFile): Promise<void> {
  await writeFileAtomic(path.join(stateDir, UPDATE_STATE_FILE), `${JSON.stringify(updateStateSchema.parse(state), null, 2)}\n`);
}
