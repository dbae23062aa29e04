import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { probeElectron, type ElectronFiles } from '../../../../main/launcher/probe-electron.js';

const root = '/repo';
const pkg = '/repo/node_modules/electron';
const files = (present: Record<string, string>, env: NodeJS.ProcessEnv = {}): ElectronFiles => ({
  packageDir: pkg,
  mainScript: '/repo/dist/main/electron-main.js',
  root,
  env,
  exists: (f) => f in present,
  readText: (f) => present[f] ?? null,
});
const built = { '/repo/dist/main/electron-main.js': '' };

describe('probeElectron', () => {
  it('finds the downloaded binary through path.txt, as electron/index.js does', () => {
    const result = probeElectron(files({ ...built, [`${pkg}/path.txt`]: 'electron', [`${pkg}/dist/electron`]: '' }));
    expect(result).toEqual({ ok: true, found: `${pkg}/dist/electron` });
  });

  it('says the binary was never downloaded when path.txt is missing', () => {
    expect(probeElectron(files(built))).toEqual({ ok: false, reason: 'binary not downloaded: node_modules/electron/path.txt is missing' });
  });

  it('says so when path.txt names a binary that is not there', () => {
    expect(probeElectron(files({ ...built, [`${pkg}/path.txt`]: 'electron\n' }))).toEqual({
      ok: false,
      reason: 'binary not downloaded: node_modules/electron/dist/electron is missing',
    });
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH', () => {
    const result = probeElectron(files({ ...built, '/opt/electron/electron': '' }, { ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron' }));
    expect(result).toEqual({ ok: true, found: '/opt/electron/electron' });
  });

  it('needs the built main process and the package', () => {
    expect(probeElectron(files({}))).toEqual({ ok: false, reason: 'dist/main/electron-main.js is missing; run npm run build' });
    expect(probeElectron({ ...files(built), packageDir: null })).toMatchObject({ ok: false, reason: expect.stringContaining('not installed') as unknown as string });
  });

  it('on this machine: the electron package is installed but its binary is not (npm 11 skips its install script)', () => {
    // A fact of the development machine, not of the code; skipped wherever the binary was downloaded.
    const real = path.resolve('node_modules/electron');
    if (existsSync(path.join(real, 'path.txt'))) return;
    const result = probeElectron({
      packageDir: real,
      mainScript: path.resolve('package.json'), // stands in for a built main script
      root: path.resolve('.'),
      env: {},
      exists: existsSync,
      readText: (f) => (existsSync(f) ? readFileSync(f, 'utf8') : null),
    });
    expect(result).toEqual({ ok: false, reason: 'binary not downloaded: node_modules/electron/path.txt is missing' });
  });
});
