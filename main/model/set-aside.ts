import { rename } from 'node:fs/promises';

/**
 * A state file that cannot be used is renamed to `aside`, never deleted, so
 * whatever it held can still be looked at (or mended by hand), and the one
 * line that says so is what the log and the operator get: the reason, where
 * the file went, and what that means here (`consequence`). When even the
 * rename fails the line says that instead; the caller goes on either way.
 */
export async function setAside(file: string, aside: string, reason: string, consequence: string): Promise<string> {
  try {
    await rename(file, aside);
    return `${reason}; moved to ${aside}, ${consequence}`;
  } catch (error) {
    return `${reason}; could not move it aside (${error instanceof Error ? error.message : String(error)})`;
  }
}
