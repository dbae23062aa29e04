import { readFile } from 'node:fs/promises';

/** What reading a small JSON state file found; the caller checks the data against its own schema. */
export type JsonFileRead =
  | { readonly status: 'missing' }
  /** The file is there but could not be read (permissions, a folder in its place): nothing to set aside. */
  | { readonly status: 'unreadable'; readonly reason: string }
  /** Read, but not JSON: a damaged file, to be set aside (set-aside.ts). */
  | { readonly status: 'not-json'; readonly reason: string }
  | { readonly status: 'read'; readonly data: unknown };

/**
 * The first step of loading every state file the kiosk keeps (paired
 * devices, the restart history, the update state): a missing file is a first
 * start, not an error, and each failure gets one line naming the file.
 */
export async function readJsonFile(file: string): Promise<JsonFileRead> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'missing' };
    return { status: 'unreadable', reason: `cannot read ${file}: ${error instanceof Error ? error.message : String(error)}` };
  }
  try {
    return { status: 'read', data: JSON.parse(text) as unknown };
  } catch {
    return { status: 'not-json', reason: `${file} is not valid JSON` };
  }
}
