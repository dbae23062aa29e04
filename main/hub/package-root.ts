import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding mlp-kiosk's package.json, found from this file's own
 * location so that defaults (exports/, dist/renderer/) do not depend on the
 * cwd. Works from main/hub/*.ts (tests, tsx) and from the dist/main/kiosk.js
 * bundle alike.
 */
export function findPackageRoot(from: string = fileURLToPath(import.meta.url)): string {
  let dir = path.dirname(from);
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && readName(manifest) === 'mlp-kiosk') return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the mlp-kiosk package folder above ${from}`);
    dir = parent;
  }
}

function readName(manifest: string): unknown {
  try {
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name;
  } catch {
    return undefined;
  }
}
