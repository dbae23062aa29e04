import type { NetworkSpec } from '../../model/types.js';
import { checkBlob } from './blob-check.js';
import type { GradientNormSummary } from './class-summary.js';
import { crc32 } from './crc32.js';
import { bytesToFloat32, float32ToBytes } from './float32-le.js';
import { GradientFileError } from './gradient-error.js';
import { gradientNormsJsonSchema, LOSS, type ClassSummaryJson, type GradientNormsJson, type NormsEntryJson } from './gradient-file-schema.js';
import { networkFromJson, networkJson } from './gradient-file-network.js';
import type { GradientNorms } from './gradient-norms.js';
import { parseGradientJson } from './json-text.js';

/**
 * Format (b) of docs/GRADIENTS.md: per-sample gradient norms of a whole
 * dataset, one entry per epoch (or snapshot). A JSON index lists the entries;
 * each entry's blob is float32 little-endian of shape [columns, count]:
 * column-major, so one column (e.g. every sample's norm) is one contiguous run.
 */

/** Columns of every blob: labels and predictions are small whole numbers, exact in float32. */
export function normsColumns(network: NetworkSpec): string[] {
  return ['norm', 'loss', 'label', 'predicted', ...network.layers.map((l) => `norm:${l.name}`)];
}

export interface GradientNormsRun {
  readonly model: { readonly name: string; readonly snapshot: string | null };
  readonly network: NetworkSpec;
  readonly split: string;
  readonly count: number;
}

export function newGradientNormsIndex(run: GradientNormsRun): GradientNormsJson {
  return {
    format: 'mlp-kiosk-gradient-norms',
    version: 1,
    loss: LOSS,
    model: { name: run.model.name, snapshot: run.model.snapshot },
    network: networkJson(run.network),
    split: run.split,
    count: run.count,
    columns: normsColumns(run.network),
    layout: 'columns',
    entries: [],
  };
}

export interface NormsEntrySource {
  /** Unique within the index, and part of the blob's file name: letters, digits, . _ - */
  readonly id: string;
  readonly epoch: number | null;
  readonly imagesSeen: number | null;
  readonly snapshot: string | null;
  readonly blobFile: string;
  readonly norms: GradientNorms;
  readonly labels: Uint8Array;
  readonly summary: GradientNormSummary;
}

export function encodeNormsEntry(source: NormsEntrySource): { entry: NormsEntryJson; blob: Uint8Array } {
  const { norms, labels } = source;
  const layers = norms.layerNames.length;
  const perLayer = norms.layerNames.map((_, l) => Float32Array.from({ length: norms.count }, (_, s) => norms.layerNorms[s * layers + l] as number));
  const blob = float32ToBytes([norms.norms, norms.losses, labels, norms.predicted, ...perLayer]);
  const entry: NormsEntryJson = {
    id: source.id,
    epoch: source.epoch,
    images_seen: source.imagesSeen,
    snapshot: source.snapshot,
    file: source.blobFile,
    dtype: '<f4',
    byte_length: blob.length,
    crc32: crc32(blob),
    summary: summaryJson(source.summary),
  };
  return { entry, blob };
}

/** Adds (or replaces, for a resumed run writing an epoch again) an entry; checks it fits the index. */
export function withNormsEntry(index: GradientNormsJson, entry: NormsEntryJson): GradientNormsJson {
  const expected = index.columns.length * index.count * 4;
  if (entry.byte_length !== expected) throw new RangeError(`norms entry ${entry.id}: ${entry.byte_length} bytes, the index needs ${expected} (${index.columns.length} columns x ${index.count} samples)`);
  return { ...index, entries: [...index.entries.filter((e) => e.id !== entry.id), entry] };
}

function summaryJson(summary: GradientNormSummary): ClassSummaryJson {
  return {
    classes: summary.classes.map((c) => ({ label: c.label, count: c.count, mean_norm: c.meanNorm, median_norm: c.medianNorm, mean_loss: c.meanLoss, error_rate: c.errorRate })),
    hardest_classes: [...summary.hardestClasses],
    hardest_samples: summary.hardestSamples.map((s) => ({ index: s.index, label: s.label, predicted: s.predicted, norm: s.norm, loss: s.loss })),
  };
}

/** Validates an index's text; `file` names it in errors. */
export function parseGradientNormsJson(text: string, file: string): { json: GradientNormsJson; network: NetworkSpec } {
  const json = parseGradientJson(text, file, gradientNormsJsonSchema);
  const network = networkFromJson(json.network, file);
  const columns = normsColumns(network);
  if (JSON.stringify(json.columns) !== JSON.stringify(columns)) throw new GradientFileError(file, 'columns', `must be ${JSON.stringify(columns)} for this network`);
  const classes = network.architecture[network.architecture.length - 1] as number;
  if (classes > 256) throw new GradientFileError(file, 'network.architecture', `ends with ${classes} classes; labels are bytes (at most 256)`);
  const bytes = columns.length * json.count * 4;
  const ids = new Set<string>();
  json.entries.forEach((e, i) => {
    if (ids.has(e.id)) throw new GradientFileError(file, `entries[${i}].id`, `"${e.id}" appears twice`);
    ids.add(e.id);
    if (e.byte_length !== bytes) throw new GradientFileError(file, `entries[${i}].byte_length`, `is ${e.byte_length}; ${columns.length} columns x ${json.count} samples of float32 is ${bytes} bytes`);
  });
  return { json, network };
}

/** One entry's blob, checked (length, CRC-32, values) and split into columns. */
export interface GradientNormsTable extends GradientNorms {
  readonly labels: Uint8Array;
}

export function decodeNormsBlob(parsed: { json: GradientNormsJson; network: NetworkSpec }, entry: NormsEntryJson, blob: Uint8Array, blobFile: string): GradientNormsTable {
  const { json, network } = parsed;
  checkBlob(blob, entry, blobFile, `entries[id=${entry.id}]`);
  const n = json.count;
  const classes = network.architecture[network.architecture.length - 1] as number;
  const column = (c: number, what: string, check: (v: number) => boolean, rule: string): Float32Array => {
    const values = bytesToFloat32(blob, c * n, n);
    const bad = values.findIndex((v) => !check(v));
    if (bad >= 0) throw new GradientFileError(blobFile, '', `column ${what}, sample ${bad} is ${values[bad]}; ${rule}`);
    return values;
  };
  const nonNegative = (v: number) => Number.isFinite(v) && v >= 0;
  const isClass = (v: number) => Number.isInteger(v) && v >= 0 && v < classes;
  const norms = column(0, 'norm', nonNegative, 'must be finite and >= 0');
  const losses = column(1, 'loss', nonNegative, 'must be finite and >= 0');
  const labels = Uint8Array.from(column(2, 'label', isClass, `must be a class 0-${classes - 1}`));
  const predicted = Uint8Array.from(column(3, 'predicted', isClass, `must be a class 0-${classes - 1}`));
  const layers = network.layers.length;
  const layerNorms = new Float32Array(n * layers);
  network.layers.forEach((l, li) => {
    const values = column(4 + li, `norm:${l.name}`, nonNegative, 'must be finite and >= 0');
    for (let s = 0; s < n; s++) layerNorms[s * layers + li] = values[s] as number;
  });
  return { count: n, layerNames: network.layers.map((l) => l.name), norms, losses, predicted, layerNorms, labels };
}
