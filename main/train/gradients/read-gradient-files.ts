import path from 'node:path';
import { GRADIENT_FILE_LIMITS } from '../../../app/train/gradients/gradient-file-limits.js';
import type { GradientNormsJson, NormsEntryJson } from '../../../app/train/gradients/gradient-file-schema.js';
import { decodeNormsBlob, parseGradientNormsJson, type GradientNormsTable } from '../../../app/train/gradients/gradient-norms-format.js';
import { decodeSampleGradients, parseSampleGradientsJson, type SampleGradientsFile } from '../../../app/train/gradients/sample-gradients-format.js';
import type { NetworkSpec } from '../../../app/model/types.js';
import { readLimited } from '../../model/read-limited.js';

/** Reads and validates a sample-gradients manifest and its blob (docs/GRADIENTS.md, format a). */
export async function readSampleGradients(manifestPath: string): Promise<SampleGradientsFile> {
  const text = (await readLimited(manifestPath, GRADIENT_FILE_LIMITS.maxJsonBytes)).toString('utf8');
  const parsed = parseSampleGradientsJson(text, manifestPath);
  const blobPath = path.join(path.dirname(manifestPath), parsed.json.data.file);
  // The manifest's byte_length (bounded by the schema) caps the read.
  return decodeSampleGradients(parsed, await readLimited(blobPath, parsed.json.data.byte_length), blobPath);
}

export interface GradientNormsIndexFile {
  readonly path: string;
  readonly json: GradientNormsJson;
  readonly network: NetworkSpec;
}

/** Reads and validates a gradient-norms index (format b); entries' blobs are read on demand. */
export async function readGradientNormsIndex(indexPath: string): Promise<GradientNormsIndexFile> {
  const text = (await readLimited(indexPath, GRADIENT_FILE_LIMITS.maxJsonBytes)).toString('utf8');
  return { path: indexPath, ...parseGradientNormsJson(text, indexPath) };
}

/** Reads one entry's blob, checked against the index. */
export async function readGradientNormsEntry(index: GradientNormsIndexFile, entry: NormsEntryJson): Promise<GradientNormsTable> {
  const blobPath = path.join(path.dirname(index.path), entry.file);
  return decodeNormsBlob(index, entry, await readLimited(blobPath, entry.byte_length), blobPath);
}
