import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EVAL_TRANSFORMS } from '../../../../app/train/augment/eval-transforms.js';
import { REPO_ROOT } from '../../../helpers/fixtures.js';
import { runKiosk, type KioskRun } from '../../../helpers/run-kiosk.js';

/** The default model the kiosk ships (exports/), whatever its figures are. */
const DEFAULT_MODEL = path.join(REPO_ROOT, 'exports/mlp_weights.json');

interface TransformResult {
  name: string;
  description: string;
  accuracy: number;
  pen_path_accuracy: number;
}
interface EvalJson {
  snapshots: Array<{ id: string; accuracy: number; transforms?: TransformResult[] }>;
  backend: string;
  images: number;
}

let plain: EvalJson;
let withTransforms: EvalJson;
let table: KioskRun;

beforeAll(async () => {
  const runs = await Promise.all([
    runKiosk(['model', 'eval', DEFAULT_MODEL, '--json']),
    runKiosk(['model', 'eval', DEFAULT_MODEL, '--transforms', '--json']),
    runKiosk(['model', 'eval', DEFAULT_MODEL, '--transforms']),
  ]);
  for (const run of runs) expect(run.code, run.stderr).toBe(0);
  plain = JSON.parse(runs[0]!.stdout) as EvalJson;
  withTransforms = JSON.parse(runs[1]!.stdout) as EvalJson;
  table = runs[2]!;
});

describe('kiosk model eval --transforms (real CLI, real MNIST, the default model in exports/)', () => {
  it('keeps model eval\'s output and adds one figure per named transform', () => {
    expect(plain.snapshots[0]!.transforms).toBeUndefined();
    expect(withTransforms.images).toBe(10_000);
    expect(withTransforms.backend).toBe(plain.backend);
    const [snapshot] = withTransforms.snapshots;
    expect(withTransforms.snapshots).toHaveLength(1);
    expect(snapshot!.id).toBe(plain.snapshots[0]!.id);
    expect(snapshot!.accuracy).toBe(plain.snapshots[0]!.accuracy);
    expect(snapshot!.transforms!.map((t) => t.name)).toEqual(EVAL_TRANSFORMS.map((t) => t.name));
    for (const t of snapshot!.transforms!) {
      expect(t.description.length, t.name).toBeGreaterThan(0);
      for (const v of [t.accuracy, t.pen_path_accuracy]) {
        expect(v, t.name).toBeGreaterThan(0.1); // better than chance on every change
        expect(v, t.name).toBeLessThanOrEqual(1);
      }
    }
  });

  it('reports plain accuracy exactly as model eval does, and less under rotation, shifts and scaling', () => {
    const figures = Object.fromEntries(withTransforms.snapshots[0]!.transforms!.map((t) => [t.name, t]));
    const base = plain.snapshots[0]!.accuracy;
    expect(figures.plain!.accuracy).toBe(base);
    for (const name of ['rotated', 'shifted', 'scaled-0.75', 'scaled-1.25']) expect(figures[name]!.accuracy, name).toBeLessThan(base);
    // The pen path's fit and centring undo shifts and sizes, not tilt: a
    // shifted digit is presented much as the plain one, a rotated one is not.
    expect(figures.shifted!.pen_path_accuracy).toBeGreaterThan(figures.shifted!.accuracy);
    expect(Math.abs(figures.shifted!.pen_path_accuracy - figures.plain!.pen_path_accuracy)).toBeLessThan(0.01);
    expect(figures.rotated!.pen_path_accuracy).toBeLessThan(figures.plain!.pen_path_accuracy);
  });

  it('prints a table for people with the same figures on another run (fixed seed per transform)', () => {
    expect(table.stdout).toMatch(/transform\s+as is\s+pen path\s+change/);
    const rows = new Map(table.stdout.split('\n').map((line) => [line.trim().split(/\s+/)[0], line]));
    for (const t of withTransforms.snapshots[0]!.transforms!) {
      const row = rows.get(t.name);
      expect(row, t.name).toBeDefined();
      const [, asIs, penPath, description] = row!.trim().split(/\s{2,}/);
      expect(asIs).toBe(`${(t.accuracy * 100).toFixed(2)}%`);
      expect(penPath).toBe(`${(t.pen_path_accuracy * 100).toFixed(2)}%`);
      expect(description).toBe(t.description);
    }
  });

  it('refuses --transforms with a value, in one line', async () => {
    const run = await runKiosk(['model', 'eval', DEFAULT_MODEL, '--transforms=all']);
    expect(run.code).toBe(2);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^kiosk: model eval: Option '--transforms' does not take an argument/);
  });
});
