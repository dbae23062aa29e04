// The folder holding package.json: two levels up both from the bundle
// (dist/main/kiosk.js) and from the sources (main/launcher/*.ts), but found by
// walking up so that neither layout is baked in.
import { existsSync } from 'node:fs';
import path from 'node:path';

export function findPackageRoot(from: string): string {
  let dir = from;
  for (;;) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
}
