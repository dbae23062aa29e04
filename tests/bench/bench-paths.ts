import path from 'node:path';
import { REPO_ROOT } from '../helpers/fixtures.js';

/** Benchmarks run on the default model the exhibit ships. */
export const DEFAULT_MANIFEST = path.join(REPO_ROOT, 'exports/mlp_weights.json');
