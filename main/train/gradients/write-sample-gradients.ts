import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { SampleGradientsJson } from '../../../app/train/gradients/gradient-file-schema.js';
import { encodeSampleGradients, type SampleGradientsSource } from '../../../app/train/gradients/sample-gradients-format.js';
import { writeFileAtomic } from '../../model/write-file-atomic.js';
import { blobBeside } from './blob-name.js';

/**
 * Writes full per-sample gradients as `<name>.json` plus `<name>.f32` beside
 * it. Each file is written atomically (temp, flush, rename); the blob goes
 * first and the manifest records its length and CRC-32, so a crash between
 * the two leaves the old manifest, which then refuses the new blob rather
 * than misreading it.
 */
export async function writeSampleGradients(manifestPath: string, source: Omit<SampleGradientsSource, 'blobFile'>): Promise<SampleGradientsJson> {
  const blobFile = blobBeside(manifestPath, '.f32');
  const { json, blob } = encodeSampleGradients({ ...source, blobFile });
  await mkdir(path.dirname(manifestPath), { recursive: true });
  await writeFileAtomic(path.join(path.dirname(manifestPath), blobFile), blob);
  await writeFileAtomic(manifestPath, JSON.stringify(json, null, 1) + '\n');
  return json;
}
