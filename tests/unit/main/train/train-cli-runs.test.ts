import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadExport } from '../../../../main/model/load-export.js';
import { REPO_ROOT } from '../../../helpers/fixtures.js';
import { runKiosk, type KioskRun } from '../../../helpers/run-kiosk.js';

const work = mkdtempSync(path.join(os.tmpdir(), 'kiosk-train-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// Small real runs on the wasm backend: 1,000 training and 200 test images.
const SMALL = ['--device', 'wasm', '--epochs', '2', '--hidden-dims', '32,16', '--train-limit', '1000', '--test-limit', '200', '--seed', '3'];

function expectOneLineError(run: KioskRun, code: number, pattern: RegExp): void {
  expect(run.code, run.stderr).toBe(code);
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^kiosk: /);
  expect(lines[0]).toMatch(pattern);
}

/** Every file of an export (manifest, snapshots, log) with its bytes. */
function exportFiles(manifest: string): Record<string, Buffer> {
  const dir = path.dirname(manifest);
  const stem = path.basename(manifest, '.json');
  const out: Record<string, Buffer> = { [path.basename(manifest)]: readFileSync(manifest) };
  for (const f of readdirSync(path.join(dir, stem))) out[`${stem}/${f}`] = readFileSync(path.join(dir, stem, f));
  return out;
}

/** The manifest without the run's duration and resume flag, the only values that differ between identical runs. */
function manifestWithoutTiming(text: Buffer): unknown {
  const m = JSON.parse(text.toString('utf8'));
  delete m.training.duration_s;
  delete m.training.resumed;
  return m;
}

function expectSameExport(a: string, b: string): void {
  const fa = exportFiles(a);
  const fb = exportFiles(b);
  expect(Object.keys(fa).sort()).toEqual(Object.keys(fb).sort());
  for (const name of Object.keys(fa)) {
    if (name.endsWith('.json') && !name.includes('/')) expect(manifestWithoutTiming(fa[name]!)).toEqual(manifestWithoutTiming(fb[name]!));
    else expect(fa[name]!.equals(fb[name]!), name).toBe(true);
  }
}

describe('kiosk train runs (real CLI process, wasm, MNIST subsets)', () => {
  it('same seed, same backend: identical export files; the backend and run config are recorded', async () => {
    const a = path.join(work, 'repro-a', 'mlp_weights.json');
    const b = path.join(work, 'repro-b', 'mlp_weights.json');
    const runA = await runKiosk(['train', ...SMALL, '--export-path', a]);
    expect(runA.code, runA.stderr).toBe(0);
    expect(runA.stdout).toContain('backend: wasm (tfjs 4.22.0)');
    expect((await runKiosk(['train', ...SMALL, '--export-path', b])).code).toBe(0);
    expectSameExport(a, b);
    // The kiosk's own loader accepts it, every snapshot file included.
    const loaded = await loadExport(a, { verifyAll: true });
    expect(loaded.network.architecture).toEqual([784, 32, 16, 10]);
    expect(loaded.network.normalization).toEqual({ mean: 0.1307, std: 0.3081 });
    const manifest = JSON.parse(readFileSync(a, 'utf8'));
    expect(manifest.timeline.at(-1).id).toBe('dataset_2x');
    expect(manifest.training).toMatchObject({ backend: 'wasm', seed: 3, epochs: 2, hidden_dims: [32, 16], batch_size: 128, train_images: 1000, test_images: 200, resumed: false });
    const log = readFileSync(path.join(path.dirname(a), 'mlp_weights.train.log'), 'utf8');
    expect(log.split('\n')[0]).toBe('Using device: wasm');
    expect(log).toMatch(/^Epoch 02 - avg loss: \d\.\d{4} - test accuracy: \d+\.\d\d% - images seen: 2,000$/m);
    // The checkpoint is removed once the export is written.
    expect(existsSync(path.join(path.dirname(a), 'mlp_weights.checkpoint'))).toBe(false);
  });

  it('--skip-train exports only the initial weights', async () => {
    const out = path.join(work, 'skip', 'mlp_weights.json');
    expect((await runKiosk(['train', ...SMALL, '--skip-train', '--export-path', out])).code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).timeline.map((e: { id: string }) => e.id)).toEqual(['initial']);
  });

  it('--repeat 2: two seeds, their mean and std, no export unless a path is given', async () => {
    const cwd = path.join(work, 'repeat');
    mkdirSync(cwd);
    const run = await runKiosk(['train', ...SMALL, '--epochs', '1', '--repeat', '2'], { cwd });
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout.trimEnd().split('\n').at(-1)!);
    expect(summary.seeds).toEqual([3, 4]);
    expect(summary.accuracies).toHaveLength(2);
    expect(summary.mean).toBeCloseTo((summary.accuracies[0] + summary.accuracies[1]) / 2, 12);
    expect(summary.std).toBeCloseTo(Math.abs(summary.accuracies[0] - summary.accuracies[1]) / Math.SQRT2, 12);
    expect(run.stdout).toMatch(/test accuracy over 2 seeds \(3\.\.4\): mean \d+\.\d\d%, std \d+\.\d\d pp/);
    expect(readdirSync(cwd)).toEqual([]);
    const exported = await runKiosk(['train', ...SMALL, '--epochs', '1', '--repeat', '2', '--export-path', path.join(cwd, 'm.json')]);
    expect(exported.code, exported.stderr).toBe(0);
    expect(readdirSync(cwd).filter((f) => f.endsWith('.json')).sort()).toEqual(['m.seed3.json', 'm.seed4.json']);
  });

  it('Ctrl-C saves a checkpoint and leaves the previous export untouched; --resume ends exactly like an uninterrupted run', async () => {
    const opts = ['--device', 'wasm', '--epochs', '2', '--hidden-dims', '32,16', '--train-limit', '3000', '--test-limit', '200', '--seed', '9', '--batch-size', '64'];
    const whole = path.join(work, 'whole', 'mlp_weights.json');
    expect((await runKiosk(['train', ...opts, '--export-path', whole])).code).toBe(0);

    const target = path.join(work, 'interrupted', 'mlp_weights.json');
    expect((await runKiosk(['train', ...SMALL, '--skip-train', '--export-path', target])).code).toBe(0);
    const previous = exportFiles(target);

    const interrupted = await runUntil(['train', ...opts, '--export-path', target], "Captured '\u22481k images'");
    expect(interrupted.code, interrupted.stderr).toBe(130);
    expect(interrupted.stderr).toMatch(/interrupted; checkpoint saved in .*mlp_weights\.checkpoint; continue with the same options and --resume/);
    expect(exportFiles(target)).toEqual(previous);

    const wrong = await runKiosk(['train', ...opts, '--lr', '0.002', '--resume', '--export-path', target]);
    expectOneLineError(wrong, 1, /the checkpoint is from another run: lr is 0\.001 in the checkpoint but 0\.002 now/);

    const resumed = await runKiosk(['train', ...opts, '--resume', '--export-path', target]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expectSameExport(target, whole);
    expect(JSON.parse(readFileSync(target, 'utf8')).training.resumed).toBe(true);
  });

  it('a damaged checkpoint is refused with a clear error', async () => {
    const target = path.join(work, 'damaged', 'mlp_weights.json');
    const opts = ['--device', 'wasm', '--epochs', '2', '--hidden-dims', '32,16', '--train-limit', '6000', '--test-limit', '200', '--batch-size', '64'];
    const interrupted = await runUntil(['train', ...opts, '--export-path', target], "Captured '\u2248500 images'");
    expect(interrupted.code, interrupted.stderr).toBe(130);
    writeFileSync(path.join(path.dirname(target), 'mlp_weights.checkpoint', 'state.json'), '{"truncated');
    expectOneLineError(await runKiosk(['train', ...opts, '--resume', '--export-path', target]), 1, /state\.json is damaged \(not JSON\); delete .*mlp_weights\.checkpoint to start over/);
    // Without --resume the run starts afresh and says that it replaces the checkpoint.
    const fresh = await runKiosk(['train', ...opts, '--export-path', target]);
    expect(fresh.code, fresh.stderr).toBe(0);
    expect(fresh.stderr).toMatch(/note: starting afresh; the unfinished run's checkpoint in .*mlp_weights\.checkpoint is replaced/);
    expect(existsSync(target)).toBe(true);
  });
});

/** Runs the CLI and sends it SIGINT (Ctrl-C) once stdout shows `marker`. */
function runUntil(args: string[], marker: string): Promise<KioskRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'dist/main/kiosk.js'), ...args], { cwd: REPO_ROOT, env: { ...process.env, KIOSK_DEBUG: '' } });
    let stdout = '';
    let stderr = '';
    let sent = false;
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (!sent && stdout.includes(marker)) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
