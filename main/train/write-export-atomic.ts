import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ExportFiles } from '../../app/model/write-export.js';
import { writeFileDurable } from '../model/write-file-atomic.js';

/** How files are written: the real disk, or a test's failing stand-in (a full disk cannot be made here). */
export interface FileWriter {
  writeFile(file: string, text: string): Promise<void>;
}

/** Writes, then flushes to the disk before returning (exhibit PCs are switched off at the wall). */
export const durableWriter: FileWriter = {
  writeFile: (file, text) => writeFileDurable(file, text, 'wx'),
};

/** The export could not be written; the previous one (if any) is untouched. */
export class ExportWriteError extends Error {
  override readonly name = 'ExportWriteError';
}

/**
 * Writes an export (manifest, snapshot folder and extra files such as the
 * training log) so that a crash or a full disk never leaves half of one:
 * everything goes into a temporary folder beside the target first, flushed;
 * only then are the finished folder and files renamed into place. Until the
 * renames the previous export stays byte for byte as it was.
 */
export async function writeExportAtomic(
  manifestPath: string,
  files: ExportFiles,
  extraFiles: ReadonlyArray<{ readonly name: string; readonly text: string }> = [],
  writer: FileWriter = durableWriter,
): Promise<void> {
  const dir = path.dirname(path.resolve(manifestPath));
  const manifestName = path.basename(manifestPath);
  const folder = manifestName.replace(/\.[^.]*$/, '');
  await prepareExportDir(manifestPath, writer);
  const temp = path.join(dir, `.${folder}.export-${randomBytes(6).toString('hex')}.tmp`);
  const old = `${temp}.old`;
  try {
    await mkdir(path.join(temp, folder), { recursive: true });
    for (const file of files.files) await writer.writeFile(path.join(temp, ...file.path.split('/')), file.text);
    for (const extra of extraFiles) await writer.writeFile(path.join(temp, extra.name), extra.text);
    await writer.writeFile(path.join(temp, manifestName), files.manifest);
    await syncDir(path.join(temp, folder));
    await syncDir(temp);
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw new ExportWriteError(`cannot write the export ${manifestPath}: ${describe(error)}; the previous export is unchanged`);
  }
  // Swap in: the snapshot folder (moving the old one aside), then the extra
  // files and last the manifest, each a single rename.
  const target = path.join(dir, folder);
  const hadFolder = await exists(target);
  if (hadFolder) await rename(target, old);
  await rename(path.join(temp, folder), target);
  for (const extra of extraFiles) await rename(path.join(temp, extra.name), path.join(dir, extra.name));
  await rename(path.join(temp, manifestName), path.join(dir, manifestName));
  await syncDir(dir);
  await rm(old, { recursive: true, force: true });
  await rm(temp, { recursive: true, force: true });
}

/** Leftovers of an export interrupted mid-write (temporary folders), removed before the next one. */
export async function removeStaleExportTemps(manifestPath: string): Promise<void> {
  const dir = path.dirname(path.resolve(manifestPath));
  const folder = path.basename(manifestPath).replace(/\.[^.]*$/, '');
  const entries = await readdir(dir).catch(() => [] as string[]);
  for (const name of entries) {
    if (name.startsWith(`.${folder}.export-`) && /\.tmp(\.old)?$/.test(name)) await rm(path.join(dir, name), { recursive: true, force: true });
  }
}

/**
 * Makes the export's folder (like the reference trainer, which creates it)
 * and proves it writable with a probe file, so a bad --export-path fails
 * before hours of training rather than after.
 */
export async function prepareExportDir(manifestPath: string, writer: FileWriter = durableWriter): Promise<void> {
  const dir = path.dirname(path.resolve(manifestPath));
  try {
    await mkdir(dir, { recursive: true });
    const probe = path.join(dir, `.export-probe-${randomBytes(6).toString('hex')}.tmp`);
    try {
      await writer.writeFile(probe, '');
    } finally {
      await rm(probe, { force: true });
    }
  } catch (error) {
    throw new ExportWriteError(`cannot write the export ${manifestPath}: ${describe(error)} (folder ${dir})`);
  }
}

async function syncDir(dir: string): Promise<void> {
  // Makes the renames themselves durable; Windows cannot open folders, and does not need it.
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function exists(file: string): Promise<boolean> {
  return (await stat(file).catch(() => undefined)) !== undefined;
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC') return 'the disk is full';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EROFS') return 'the disk is read-only';
  if (code === 'ENOTDIR' || code === 'EEXIST') return 'a file stands where a folder is needed';
  return error instanceof Error ? error.message : String(error);
}
