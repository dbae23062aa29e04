// The real probes: this machine's Electron, Chromium and screen.
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { ShellProbes } from './choose-shell.js';
import { detectDisplay } from './detect-display.js';
import { findChromium } from './find-chromium.js';
import { probeElectron } from './probe-electron.js';

export function probeShells(root: string): ShellProbes {
  return {
    electron: probeElectron({
      packageDir: electronPackageDir(root),
      mainScript: electronMainScript(root),
      root,
      env: process.env,
      exists: existsSync,
      readText: (file) => {
        try {
          return readFileSync(file, 'utf8');
        } catch {
          return null;
        }
      },
    }),
    chromium: findChromium(process.platform, process.env, isExecutable),
    display: detectDisplay(process.platform, process.env),
  };
}

/** The bundled Electron main process, built by scripts/build.mjs. */
export function electronMainScript(root: string): string {
  return path.join(root, 'dist', 'main', 'electron-main.js');
}

function electronPackageDir(root: string): string | null {
  try {
    // Resolving package.json only: requiring 'electron' itself would start a download.
    return path.dirname(createRequire(path.join(root, 'package.json')).resolve('electron/package.json'));
  } catch {
    return null;
  }
}

function isExecutable(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    if (process.platform !== 'win32') accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
