import { open } from 'node:fs/promises';
import { ModelFormatError } from '../../app/model/model-error.js';

/**
 * Reads a file only if it is a regular file no larger than `maxBytes`, so a
 * wrong path (a device, a folder, a multi-gigabyte file) fails fast and calmly.
 */
export async function readLimited(file: string, maxBytes: number, shownAs = file): Promise<Buffer> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw new ModelFormatError(shownAs, '', describeFsError(error));
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new ModelFormatError(shownAs, '', 'is not a regular file');
    if (stat.size > maxBytes) {
      throw new ModelFormatError(shownAs, '', `is ${stat.size} bytes, more than the ${maxBytes} a sane MLP needs`);
    }
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'file not found';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a folder, not a file';
    default:
      return `cannot be read (${code ?? (error instanceof Error ? error.message : String(error))})`;
  }
}
