import { constants } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { ModelFormatError } from '../../app/model/model-error.js';

/**
 * Reads a file only if it is a regular file no larger than `maxBytes`, so a
 * wrong path (a device, a FIFO, a folder, a multi-gigabyte file) fails fast
 * and calmly. The type is checked before opening (opening a FIFO would block
 * until a writer appears) and again on the open handle (the path may have been
 * swapped in between); O_NONBLOCK keeps even that race from hanging.
 */
export async function readLimited(file: string, maxBytes: number, shownAs = file): Promise<Buffer> {
  const before = await stat(file).catch((error: unknown) => {
    throw new ModelFormatError(shownAs, '', describeFsError(error));
  });
  if (!before.isFile()) throw new ModelFormatError(shownAs, '', 'is not a regular file');
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw new ModelFormatError(shownAs, '', describeFsError(error));
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new ModelFormatError(shownAs, '', 'is not a regular file');
    if (info.size > maxBytes) {
      throw new ModelFormatError(shownAs, '', `is ${info.size} bytes, more than the ${maxBytes} a sane MLP needs`);
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
