import { lstat, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { summarizeGradientNorms, type GradientNormSummary } from '../../../app/train/gradients/class-summary.js';
import { GradientFileError } from '../../../app/train/gradients/gradient-error.js';
import type { GradientNormsJson, NormsEntryJson } from '../../../app/train/gradients/gradient-file-schema.js';
import { encodeNormsEntry, newGradientNormsIndex, withNormsEntry, type GradientNormsRun } from '../../../app/train/gradients/gradient-norms-format.js';
import type { GradientNorms } from '../../../app/train/gradients/gradient-norms.js';
import { writeFileAtomic } from '../../model/write-file-atomic.js';
import { blobBeside } from './blob-name.js';
import { readGradientNormsIndex } from './read-gradient-files.js';

export interface NormsEntryLabel {
  /** Unique in the index and part of the blob's name, e.g. "epoch-3" or a snapshot id. Letters, digits, . _ - */
  readonly id: string;
  readonly epoch?: number | null;
  readonly imagesSeen?: number | null;
  readonly snapshot?: string | null;
}

/**
 * Adds one entry (an epoch, a snapshot) of per-sample gradient norms to the
 * index at `indexPath`, creating it if missing: the blob `<name>.<id>.f32`
 * first, then the index, each atomically. An entry with the same id is
 * replaced (a resumed run writes the same epoch again). An existing index of
 * another network, split or dataset size is refused, never overwritten.
 */
export async function appendGradientNorms(
  indexPath: string,
  run: GradientNormsRun,
  label: NormsEntryLabel,
  norms: GradientNorms,
  labels: Uint8Array,
  top = 20,
): Promise<{ entry: NormsEntryJson; summary: GradientNormSummary; index: GradientNormsJson }> {
  if (!/^[A-Za-z0-9_][A-Za-z0-9._-]{0,99}$/.test(label.id)) throw new RangeError(`appendGradientNorms: id "${label.id}" must be letters, digits, . _ - (it names a file)`);
  const fresh = newGradientNormsIndex(run);
  const existing = await readExisting(indexPath);
  if (existing && JSON.stringify([existing.network, existing.split, existing.count, existing.columns]) !== JSON.stringify([fresh.network, fresh.split, fresh.count, fresh.columns])) {
    throw new GradientFileError(indexPath, '', `holds norms of another network, split or dataset size (${existing.split}, ${existing.count} samples); write to another file`);
  }
  const summary = summarizeGradientNorms(norms, labels, top);
  const blobFile = blobBeside(indexPath, `.${label.id}.f32`);
  const { entry, blob } = encodeNormsEntry({
    id: label.id,
    epoch: label.epoch ?? null,
    imagesSeen: label.imagesSeen ?? null,
    snapshot: label.snapshot ?? null,
    blobFile,
    norms,
    labels,
    summary,
  });
  const index = withNormsEntry(existing ?? fresh, entry);
  await mkdir(path.dirname(indexPath), { recursive: true });
  await writeFileAtomic(path.join(path.dirname(indexPath), blobFile), blob);
  await writeFileAtomic(indexPath, JSON.stringify(index, null, 1) + '\n');
  return { entry, summary, index };
}

async function readExisting(indexPath: string): Promise<GradientNormsJson | null> {
  try {
    await lstat(indexPath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  return (await readGradientNormsIndex(indexPath)).json;
}
