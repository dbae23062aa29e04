import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Benchmarks run on the default model the exhibit ships. */
export const DEFAULT_MANIFEST = path.join(REPO_ROOT, 'exports/mlp_weights.json');
