// electron-builder.yml, checked without building an installer (this machine
// cannot download Electron, which electron-builder needs to package): the
// file against the JSON schema that app-builder-lib itself validates
// configurations with, and what it names against the repository.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Ajv } from 'ajv';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const require = createRequire(import.meta.url);

interface BuilderConfig {
  appId: string;
  files: string[];
  asarUnpack: string[];
  npmRebuild: boolean;
  win: { target: { target: string; arch: string[] }[]; files: string[] };
  nsis: { perMachine: boolean; oneClick: boolean; runAfterFinish: boolean };
  linux: { target: { target: string }[]; files: string[] };
  publish: { provider: string; url: string; channel: string };
}

function readConfig(): BuilderConfig {
  return load(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
}

function validator(): (config: unknown) => string[] {
  const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as object;
  // The schema uses keywords ajv's strict mode does not know (e.g. "deprecated"); they do not constrain.
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
  return (config) => (validate(config) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? ''} ${JSON.stringify(e.params)}`));
}

describe('electron-builder.yml', () => {
  it('is valid against app-builder-lib/scheme.json', () => {
    expect(validator()(readConfig())).toEqual([]);
  });

  it('the schema check does catch mistakes (a misspelt key, a wrong type, an unknown target option)', () => {
    const check = validator();
    const config = readConfig();
    expect(check({ ...config, asarUnpak: ['x'] }).join('\n')).toMatch(/additional/i);
    expect(check({ ...config, nsis: { ...config.nsis, perMachine: 'yes' } }).join('\n')).toMatch(/\/nsis\/perMachine/);
    expect(check({ ...config, publish: { ...config.publish, provider: 'ftp' } }).length).toBeGreaterThan(0);
  });

  it('builds NSIS per machine for Windows and AppImage + deb for Linux, never starting the kiosk from the installer', () => {
    const config = readConfig();
    expect(config.win.target.map((t) => t.target)).toEqual(['nsis']);
    expect(config.nsis).toMatchObject({ perMachine: true, oneClick: false, runAfterFinish: false });
    expect(config.linux.target.map((t) => t.target).sort()).toEqual(['AppImage', 'deb']);
  });

  it('publishes to a generic feed that electron-updater reads', () => {
    const config = readConfig();
    expect(config.publish.provider).toBe('generic');
    expect(() => new URL(config.publish.url)).not.toThrow();
    expect(config.publish.channel).toBe('latest');
  });

  it("unpacks onnxruntime-node's native binding and shared libraries from the asar, and the files it names exist", () => {
    const config = readConfig();
    expect(config.asarUnpack).toContain('node_modules/onnxruntime-node/bin/**');
    expect(config.npmRebuild).toBe(false);
    // What the unpack pattern must catch on this platform: the binding and the library it loads.
    const binDir = path.join(path.dirname(require.resolve('onnxruntime-node/package.json')), 'bin/napi-v6', process.platform, process.arch);
    const names = readdirNames(binDir);
    expect(names).toContain('onnxruntime_binding.node');
    expect(names.some((n) => /^libonnxruntime\.so/.test(n) || /^onnxruntime\.dll$/.test(n))).toBe(true);
  });

  it('ships the app bundles, the default model and resources, and package.json points at the shell bundle', () => {
    const config = readConfig();
    for (const entry of ['package.json', 'dist/**/*', 'exports/**/*', 'resources/**/*']) expect(config.files).toContain(entry);
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { main: string; scripts: Record<string, string>; author?: unknown };
    expect(pkg.main).toBe('dist/main/electron-main.js');
    expect(pkg.scripts.dist).toMatch(/electron-builder/);
    expect(pkg.author).toBeDefined();
    // The default model the installed app starts with is in the repository (exports/), manifest and snapshots.
    const manifest = JSON.parse(readFileSync(path.join(root, 'exports/mlp_weights.json'), 'utf8')) as { timeline: unknown[] };
    expect(manifest.timeline.length).toBeGreaterThan(0);
    expect(readdirNames(path.join(root, 'exports/mlp_weights')).length).toBe(manifest.timeline.length);
    expect(readdirNames(path.join(root, 'build'))).toContain('icon.png');
  });
});

function readdirNames(dir: string): string[] {
  return readdirSync(dir);
}
