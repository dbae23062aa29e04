// Can Electron start here? Answered without `require('electron')`: that
// module tries to download the binary from the internet when it is missing,
// which is slow, noisy and fails offline. We read the same files it reads.
import path from 'node:path';
import type { Probe } from './choose-shell.js';

/** Electron's own switch for a binary kept outside node_modules (same meaning as in its index.js). */
const OVERRIDE_ENV = 'ELECTRON_OVERRIDE_DIST_PATH';

export interface ElectronFiles {
  /** node_modules/electron, or null when the package is not installed. */
  packageDir: string | null;
  /** The bundled Electron main process (dist/main/electron-main.js). */
  mainScript: string;
  /** Paths in reasons are shown relative to this folder (the package root). */
  root: string;
  env: NodeJS.ProcessEnv;
  exists(file: string): boolean;
  readText(file: string): string | null;
}


export function probeElectron(files: ElectronFiles): Probe {
  const { packageDir, mainScript, root, env, exists, readText } = files;
  const show = (p: string): string => {
    const rel = path.relative(root, p);
    return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p;
  };
  if (!exists(mainScript)) return { ok: false, reason: `${show(mainScript)} is missing; run npm run build` };
  if (!packageDir) return { ok: false, reason: 'the electron package is not installed (it is a devDependency: npm ci)' };
  const pathFile = path.join(packageDir, 'path.txt');
  const relative = readText(pathFile)?.trim() ?? null;
  const override = env[OVERRIDE_ENV];
  let executable: string;
  if (override) executable = path.join(override, relative ?? 'electron');
  else if (relative) executable = path.join(packageDir, 'dist', relative);
  else return { ok: false, reason: `binary not downloaded: ${show(pathFile)} is missing` };
  if (!exists(executable)) return { ok: false, reason: `binary not downloaded: ${show(executable)} is missing` };
  return { ok: true, found: executable };
}
