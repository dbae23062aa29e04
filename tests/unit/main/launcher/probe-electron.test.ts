import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

  it('with the real file system: an installed package whose binary was never downloaded (npm 11 skips its install script)', () => {
    // A package folder made for the test, so the answer is the same on every
    // machine, whether or not this one has Electron's binary downloaded.
    const dir = mkdtempSync(path.join(tmpdir(), 'probe-electron-'));
    try {
      const packageDir = path.join(dir, 'node_modules', 'electron');
      mkdirSync(packageDir, { recursive: true });
      writeFileSync(path.join(packageDir, 'package.json'), '{"name":"electron"}');
      const mainScript = path.join(dir, 'dist', 'main', 'electron-main.js');
      mkdirSync(path.dirname(mainScript), { recursive: true });
      writeFileSync(mainScript, '');
      const real = (): ElectronFiles => ({
        packageDir,
        mainScript,
        root: dir,
        env: {},
        exists: existsSync,
        readText: (f) => (existsSync(f) ? readFileSync(f, 'utf8') : null),
      });
      expect(probeElectron(real())).toEqual({ ok: false, reason: 'binary not downloaded: node_modules/electron/path.txt is missing' });
      writeFileSync(path.join(packageDir, 'path.txt'), 'electron');
      expect(probeElectron(real())).toEqual({ ok: false, reason: 'binary not downloaded: node_modules/electron/dist/electron is missing' });
      mkdirSync(path.join(packageDir, 'dist'));
      writeFileSync(path.join(packageDir, 'dist', 'electron'), '');
      expect(probeElectron(real())).toEqual({ ok: true, found: path.join(packageDir, 'dist', 'electron') });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
