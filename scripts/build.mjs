// Bundles the three entry points with esbuild: the CLI / hub (Node), the
// Electron main process (Node, electron external) and the display page
// (browser). Runs on `npm ci` (prepare), `npm start` and before the tests.
import { build } from 'esbuild';
import { cp, mkdir, readdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// fileURLToPath, not URL.pathname: Windows drive letters and spaces in paths.
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const out = path.join(root, 'dist');

const nodeCommon = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
  // ESM bundles have no require(); some CommonJS dependencies need one.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
};

await build({
  ...nodeCommon,
  // The live-training worker thread runs from its own file beside the CLI bundle.
  entryPoints: { kiosk: path.join(root, 'main/cli/kiosk.ts'), 'live-training-worker': path.join(root, 'main/train/live/live-training-worker.ts') },
  outdir: path.join(out, 'main'),
  banner: { js: '#!/usr/bin/env node\n' + nodeCommon.banner.js },
});

if (existsSync(path.join(root, 'main/shell/electron-main.ts'))) {
  await build({
    ...nodeCommon,
    entryPoints: { 'electron-main': path.join(root, 'main/shell/electron-main.ts') },
    outdir: path.join(out, 'main'),
  });
}

// Every folder under renderer/ with a main.ts is a page.
for (const page of await readdir(path.join(root, 'renderer'), { withFileTypes: true })) {
  const dir = path.join(root, 'renderer', page.name);
  if (!page.isDirectory() || !existsSync(path.join(dir, 'main.ts'))) continue;
  const pageOut = path.join(out, 'renderer', page.name);
  await mkdir(pageOut, { recursive: true });
  await build({
    entryPoints: [path.join(dir, 'main.ts')],
    outfile: path.join(pageOut, 'main.js'),
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'chrome120',
    sourcemap: true,
    minify: true,
    logLevel: 'warning',
  });
  for (const f of await readdir(dir)) {
    if (/\.(html|css|svg|png|woff2)$/.test(f)) await cp(path.join(dir, f), path.join(pageOut, f));
  }
}
