import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { MODEL_LIMITS, maxSnapshotBytes } from '../../app/model/limits.js';
import type { LoadedModel } from '../../app/model/loaded-model.js';
import { ModelFormatError } from '../../app/model/model-error.js';
import { parseManifest } from '../../app/model/parse-manifest.js';
import { parseSnapshot } from '../../app/model/parse-snapshot.js';
import { parameterCount, type SnapshotWeights } from '../../app/model/types.js';
import { describeFsError, readLimited } from './read-limited.js';

export interface LoadExportOptions {
  /** Parse every snapshot now instead of only the default one (slower, catches every bad file up front). */
  readonly verifyAll?: boolean;
}

/**
 * Loads an export (manifest + per-snapshot files). Validates the manifest,
 * checks that every snapshot file exists inside the export folder (symlinks
 * included) and parses the default snapshot, so a broken export fails here,
 * before it can replace the model in use.
 */
export async function loadExport(manifestPath: string, options: LoadExportOptions = {}): Promise<LoadedModel> {
  const shown = manifestPath;
  const text = (await readLimited(manifestPath, MODEL_LIMITS.maxManifestBytes, shown)).toString('utf8');
  const { network, timeline } = parseManifest(text, shown);
  const root = await realpath(path.dirname(path.resolve(manifestPath)));
  const maxBytes = maxSnapshotBytes(parameterCount(network.layers));

  const resolved = new Map<string, string>();
  await Promise.all(
    timeline.map(async (entry, i) => {
      resolved.set(entry.id, await resolveInside(root, entry.weightsPath, shown, `timeline[${i}].weights.path`));
    }),
  );

  // No cache here: the hub keeps its own bounded one, and eval reads each snapshot once.
  const loadSnapshot = async (id: string): Promise<SnapshotWeights> => {
    const file = resolved.get(id);
    if (!file) throw new ModelFormatError(shown, 'timeline', `has no snapshot "${id}"`);
    const entryPath = timeline.find((e) => e.id === id)!.weightsPath;
    const shownFile = path.join(path.dirname(shown), entryPath);
    const bytes = await readLimited(file, maxBytes, shownFile);
    return parseSnapshot(bytes.toString('utf8'), shownFile, network);
  };

  const defaultSnapshotId = timeline[timeline.length - 1]!.id;
  if (options.verifyAll) {
    for (const entry of timeline) await loadSnapshot(entry.id);
  } else {
    await loadSnapshot(defaultSnapshotId);
  }
  return {
    kind: 'export',
    path: path.resolve(manifestPath),
    name: path.basename(manifestPath),
    network,
    timeline,
    defaultSnapshotId,
    loadSnapshot,
  };
}

/** The real path of `relative` under `root`; refuses anything that resolves outside (e.g. through a symlink). */
async function resolveInside(root: string, relative: string, shown: string, field: string): Promise<string> {
  let real: string;
  try {
    real = await realpath(path.join(root, relative));
  } catch (error) {
    throw new ModelFormatError(shown, field, `"${relative}": ${describeFsError(error)}`);
  }
  const back = path.relative(root, real);
  if (back.startsWith('..') || path.isAbsolute(back)) {
    throw new ModelFormatError(shown, field, `"${relative}" resolves outside the export folder`);
  }
  return real;
}
