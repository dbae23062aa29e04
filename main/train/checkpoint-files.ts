import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { SnapshotWeights } from '../../app/model/types.js';
import type { ExportSnapshot } from '../../app/model/write-export.js';
import { writeFileAtomic } from '../model/write-file-atomic.js';
import type { TrainState } from './train-state.js';

/**
 * A training checkpoint on disk, in a folder beside the export
 * (`exports/mlp_weights.checkpoint/`):
 *   state.json         counters, random states, config, log, snapshot list (the commit point)
 *   model-<batch>-<random>.bin  parameters then Adam's first and second moments, float32 little-endian
 *   snapshot-NNN.bin   each captured snapshot's weights and biases, written once
 * Binary files are written and flushed first; state.json is replaced
 * atomically last and names every file with its SHA-256, so a checkpoint is
 * either the old one or the new one, and a damaged file is detected.
 */

const CHECKPOINT_FORMAT = 'mlp-kiosk-training-checkpoint';

/** A checkpoint that cannot be used (missing, damaged, or from another run). */
export class CheckpointError extends Error {
  override readonly name = 'CheckpointError';
}

export function checkpointDirOf(manifestPath: string): string {
  return path.join(path.dirname(manifestPath), `${path.basename(manifestPath).replace(/\.[^.]*$/, '')}.checkpoint`);
}

const fileRef = z.object({ file: z.string().regex(/^[a-z0-9-]+\.bin$/), bytes: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) });
const layerMeta = z.object({ name: z.string(), activation: z.enum(['relu', 'linear', 'tanh', 'sigmoid']), inDim: z.number().int().positive(), outDim: z.number().int().positive() });
const entrySchema = z.object({
  id: z.string(),
  label: z.string(),
  kind: z.string(),
  targetImages: z.number(),
  imagesSeen: z.number(),
  batchesSeen: z.number(),
  datasetPasses: z.number(),
  description: z.string(),
  metrics: z.object({ testAccuracy: z.number().optional(), avgTrainingLoss: z.number().optional() }),
  datasetMultiple: z.number().optional(),
});
const stateSchema = z.object({
  format: z.literal(CHECKPOINT_FORMAT),
  version: z.literal(1),
  identity: z.object({
    hiddenDims: z.array(z.number().int().positive()),
    epochs: z.number().int(),
    batchSize: z.number().int(),
    lr: z.number(),
    seed: z.number().int(),
    trainImages: z.number().int(),
    testImages: z.number().int(),
    backend: z.string(),
    augment: z.string().nullable(),
  }),
  epoch: z.number().int().nonnegative(),
  batchInEpoch: z.number().int().nonnegative(),
  imagesSeen: z.number().int().nonnegative(),
  batchesSeen: z.number().int().nonnegative(),
  cumulativeLoss: z.number(),
  epochLoss: z.number(),
  epochImages: z.number().int().nonnegative(),
  nextMilestone: z.number().int().nonnegative(),
  lastEvalAccuracy: z.number(),
  epochShuffleState: z.number().int().nonnegative(),
  augmentState: z.number().int().nonnegative(),
  adamStep: z.number().int().nonnegative(),
  paramSizes: z.array(z.number().int().positive()),
  model: fileRef,
  layers: z.array(layerMeta),
  snapshots: z.array(z.object({ entry: entrySchema, weights: fileRef })),
  logLines: z.array(z.string()),
  durationSeconds: z.number().nonnegative(),
});
type StateJson = z.infer<typeof stateSchema>;

/** Saves checkpoints of one run; snapshot files already on disk are not written again. */
export class CheckpointStore {
  private readonly written = new Map<number, z.infer<typeof fileRef>>();

  constructor(readonly dir: string) {}

  /** Starts afresh: a previous run's checkpoint here is removed. */
  async clear(): Promise<void> {
    this.written.clear();
    await rm(this.dir, { recursive: true, force: true });
  }

  async save(state: TrainState): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const snapshots = [];
    for (const [i, snapshot] of state.snapshots.entries()) {
      let ref = this.written.get(i);
      if (!ref) {
        ref = await this.writeBin(`snapshot-${String(i).padStart(3, '0')}.bin`, weightArrays(snapshot.weights));
        this.written.set(i, ref);
      }
      snapshots.push({ entry: jsonEntry(snapshot.entry), weights: ref });
    }
    // A fresh name each time: never overwrite the file the committed state.json points at.
    const model = await this.writeBin(`model-${state.batchesSeen}-${randomBytes(4).toString('hex')}.bin`, [...state.params, ...state.adam.m, ...state.adam.v]);
    const json: StateJson = {
      format: CHECKPOINT_FORMAT,
      version: 1,
      identity: { ...state.identity, hiddenDims: [...state.identity.hiddenDims] },
      epoch: state.epoch,
      batchInEpoch: state.batchInEpoch,
      imagesSeen: state.imagesSeen,
      batchesSeen: state.batchesSeen,
      cumulativeLoss: state.cumulativeLoss,
      epochLoss: state.epochLoss,
      epochImages: state.epochImages,
      nextMilestone: state.nextMilestone,
      lastEvalAccuracy: state.lastEvalAccuracy,
      epochShuffleState: state.epochShuffleState,
      augmentState: state.augmentState,
      adamStep: state.adam.step,
      paramSizes: state.params.map((p) => p.length),
      model,
      layers: (state.snapshots[0]?.weights.layers ?? []).map(({ name, activation, inDim, outDim }) => ({ name, activation, inDim, outDim })),
      snapshots,
      logLines: [...state.logLines],
      durationSeconds: state.durationSeconds,
    };
    await writeFileAtomic(path.join(this.dir, 'state.json'), JSON.stringify(json));
    // Older model files are no longer referenced.
    for (const name of await readdir(this.dir)) {
      if (/^model-[0-9a-f-]+\.bin$/.test(name) && name !== model.file) await rm(path.join(this.dir, name), { force: true });
    }
  }

  /** The saved run, checked file by file; CheckpointError says what is wrong. */
  async load(): Promise<TrainState> {
    const stateFile = path.join(this.dir, 'state.json');
    const text = await readFile(stateFile, 'utf8').catch((error: unknown) => {
      const code = (error as NodeJS.ErrnoException).code;
      throw new CheckpointError(code === 'ENOENT' ? `no checkpoint to resume at ${this.dir} (run without --resume to start)` : `cannot read ${stateFile} (${code ?? String(error)})`);
    });
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      throw new CheckpointError(`${stateFile} is damaged (not JSON); delete ${this.dir} to start over`);
    }
    const parsed = stateSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new CheckpointError(`${stateFile} is damaged or from another version (${issue.path.join('.') || 'top level'}: ${issue.message}); delete ${this.dir} to start over`);
    }
    const s = parsed.data;
    const paramTotal = s.paramSizes.reduce((a, b) => a + b, 0);
    const model = await this.readBin(s.model, paramTotal * 3);
    const params: Float32Array[] = [];
    const m: Float32Array[] = [];
    const v: Float32Array[] = [];
    let offset = 0;
    for (const target of [params, m, v]) {
      for (const size of s.paramSizes) {
        target.push(model.slice(offset, offset + size));
        offset += size;
      }
    }
    const weightTotal = s.layers.reduce((n, l) => n + l.inDim * l.outDim + l.outDim, 0);
    const snapshots: ExportSnapshot[] = [];
    for (const [i, snap] of s.snapshots.entries()) {
      const values = await this.readBin(snap.weights, weightTotal);
      this.written.set(i, snap.weights);
      snapshots.push({ entry: snap.entry, weights: weightsFrom(values, s.layers) });
    }
    return {
      identity: s.identity,
      epoch: s.epoch,
      batchInEpoch: s.batchInEpoch,
      imagesSeen: s.imagesSeen,
      batchesSeen: s.batchesSeen,
      cumulativeLoss: s.cumulativeLoss,
      epochLoss: s.epochLoss,
      epochImages: s.epochImages,
      nextMilestone: s.nextMilestone,
      lastEvalAccuracy: s.lastEvalAccuracy,
      epochShuffleState: s.epochShuffleState,
      augmentState: s.augmentState,
      params,
      adam: { step: s.adamStep, m, v },
      snapshots,
      logLines: s.logLines,
      durationSeconds: s.durationSeconds,
    };
  }

  private async writeBin(name: string, arrays: readonly Float32Array[]): Promise<z.infer<typeof fileRef>> {
    const bytes = Buffer.concat(arrays.map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength)));
    const file = path.join(this.dir, name);
    const handle = await open(file, 'w');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    return { file: name, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
  }

  private async readBin(ref: z.infer<typeof fileRef>, floats: number): Promise<Float32Array> {
    const file = path.join(this.dir, ref.file);
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) throw new CheckpointError(`checkpoint file ${file} is missing; delete ${this.dir} to start over`);
    if (info.size !== ref.bytes || ref.bytes !== floats * 4) {
      throw new CheckpointError(`checkpoint file ${file} is ${info.size} bytes, expected ${floats * 4}; delete ${this.dir} to start over`);
    }
    const bytes = await readFile(file);
    if (createHash('sha256').update(bytes).digest('hex') !== ref.sha256) throw new CheckpointError(`checkpoint file ${file} is damaged (checksum mismatch); delete ${this.dir} to start over`);
    const out = new Float32Array(floats);
    new Uint8Array(out.buffer).set(bytes);
    return out;
  }
}

function weightArrays(weights: SnapshotWeights): Float32Array[] {
  return weights.layers.flatMap((l) => [l.weights, l.biases]);
}

function weightsFrom(values: Float32Array, layers: StateJson['layers']): SnapshotWeights {
  let offset = 0;
  return {
    layers: layers.map((l) => {
      const weights = values.slice(offset, offset + l.inDim * l.outDim);
      offset += l.inDim * l.outDim;
      const biases = values.slice(offset, offset + l.outDim);
      offset += l.outDim;
      return { ...l, weights, biases };
    }),
  };
}

function jsonEntry(entry: ExportSnapshot['entry']): z.infer<typeof entrySchema> {
  const { id, label, kind, targetImages, imagesSeen, batchesSeen, datasetPasses, description, metrics, datasetMultiple } = entry;
  return {
    id,
    label,
    kind,
    targetImages,
    imagesSeen,
    batchesSeen,
    datasetPasses,
    description,
    metrics: { testAccuracy: metrics.testAccuracy, avgTrainingLoss: metrics.avgTrainingLoss },
    ...(datasetMultiple === undefined ? {} : { datasetMultiple }),
  };
}
