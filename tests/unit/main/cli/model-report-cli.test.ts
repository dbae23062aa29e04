import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REFERENCE_MANIFEST } from '../../../helpers/fixtures.js';
import { runKiosk } from '../../../helpers/run-kiosk.js';

const work = mkdtempSync(path.join(os.tmpdir(), 'kiosk-report-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function copyExport(name: string, change?: (manifest: any) => void): string { // eslint-disable-line @typescript-eslint/no-explicit-any
  const dir = path.join(work, name);
  cpSync(path.dirname(REFERENCE_MANIFEST), dir, { recursive: true });
  const manifest = path.join(dir, 'mlp_weights.json');
  if (change) {
    const m = JSON.parse(readFileSync(manifest, 'utf8'));
    change(m);
    writeFileSync(manifest, JSON.stringify(m));
  }
  return manifest;
}

function expectOneLineError(run: { code: number | null; stderr: string }, code: number, message: string): void {
  expect(run.code, run.stderr).toBe(code);
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(run.stderr).toBe(`kiosk: ${message}\n`);
}

describe('kiosk model report (real CLI process, all 10,000 MNIST test digits)', () => {
  it('writes the results folder beside the manifest; its accuracy is the manifest\'s for that snapshot', async () => {
    const manifest = copyExport('ok');
    const run = await runKiosk(['model', 'report', manifest, '--snapshot', 'approx_2k']);
    expect(run.code, run.stderr).toBe(0);
    const dir = path.join(path.dirname(manifest), 'mlp_weights-results');
    const expected = (JSON.parse(readFileSync(manifest, 'utf8')).timeline as Array<{ id: string; metrics: { test_accuracy: number } }>).find((e) => e.id === 'approx_2k')!;
    const match = /^wrote (.+): curves\.svg, curves\.png, predictions\.svg, predictions\.png, mistakes\.svg, mistakes\.png \(snapshot approx_2k: (\d+\.\d\d)% of 10,000 test digits right\)\n$/.exec(run.stdout);
    expect(match, run.stdout).not.toBeNull();
    expect(match![1]).toBe(dir);
    // The export holds float16 weights of PyTorch's float32 ones: within 0.1 percentage point (as model eval).
    expect(Math.abs(Number(match![2]) - expected.metrics.test_accuracy * 100)).toBeLessThanOrEqual(0.1);
    expect(readdirSync(dir)).toHaveLength(6);
  });

  it('explains a manifest without metrics, a folder it cannot write, an unknown snapshot and a missing argument in one line each', async () => {
    const bare = copyExport('bare', (m) => {
      for (const e of m.timeline) e.metrics = {};
    });
    const manifest = copyExport('for-errors');
    const [noMetrics, readOnly, unknown, missing] = await Promise.all([
      runKiosk(['model', 'report', bare]),
      runKiosk(['model', 'report', manifest, '-o', '/sys/kiosk-report']),
      runKiosk(['model', 'report', manifest, '--snapshot', 'approx_7']),
      runKiosk(['model', 'report']),
    ]);
    expectOneLineError(noMetrics, 1, `${path.resolve(bare)}: no timeline entry has metrics.test_accuracy or metrics.avg_training_loss; nothing to plot`);
    expectOneLineError(readOnly, 1, 'cannot write the report to /sys/kiosk-report: permission denied');
    expectOneLineError(unknown, 1, '--snapshot "approx_7" is not in mlp_weights.json');
    expectOneLineError(missing, 2, 'model report: expected one manifest.json, got none');
    expect(readdirSync(path.dirname(bare)).some((f) => f.includes('results'))).toBe(false);
  });
});
