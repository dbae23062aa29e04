import path from 'node:path';

/** "out/run.json" -> "run" + suffix: the blob sits beside its JSON and is named after it. */
export function blobBeside(jsonPath: string, suffix: string): string {
  const base = path.basename(jsonPath).replace(/\.json$/i, '');
  const safe = base.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^[.-]/, '_');
  return `${safe}${suffix}`;
}
