import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURES = path.join(REPO_ROOT, 'tests/fixtures');
/** The anchor's PyTorch-written export (see tests/fixtures/reference-export/README.md). */
export const REFERENCE_MANIFEST = path.join(FIXTURES, 'reference-export/mlp_weights.json');
