import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../model/write-file-atomic.js';
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
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: emptyUpdateState(), problem: undefined };
    return { state: emptyUpdateState(), problem: `${file} could not be read (${(error as Error).message})` };
  }
  let why: string;
  try {
    const parsed = updateStateSchema.safeParse(JSON.parse(text));
    if (parsed.success) return { state: parsed.data, problem: undefined };
    why = parsed.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`)
      .join('; ');
  } catch (error) {
    why = `not JSON (${(error as Error).message})`;
  }
  return { state: emptyUpdateState(), problem: await setAside(file, `${file}.bad-${now}`, `${file} was not valid (${why})`, 'last good version forgotten') };
}

export async function writeUpdateState(stateDir: string, state: UpdateStateFile): Promise<void> {
  await writeFileAtomic(path.join(stateDir, UPDATE_STATE_FILE), `${JSON.stringify(updateStateSchema.parse(state), null, 2)}\n`);
}
