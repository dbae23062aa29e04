import { z } from 'zod';
import { ACTIVATIONS } from '../model/types.js';
import { MESSAGE_LIMITS } from './limits.js';

/**
 * What a display needs to know about the loaded model to lay it out and to
 * label its timeline: structure and metadata, no weights (those come as
 * binary from /api/snapshots/:id/weights, see snapshot-weights-layout.ts).
 */

const id = z.string().min(1).max(MESSAGE_LIMITS.maxIdLength);
const dim = z.number().int().min(1);
const finite = z.number();

export const layerSpecSchema = z.object({
  name: z.string(),
  activation: z.enum(ACTIVATIONS),
  inDim: dim,
  outDim: dim,
});

export const networkSpecSchema = z.object({
  architecture: z.array(dim).min(2),
  layers: z.array(layerSpecSchema).min(1),
  normalization: z.object({ mean: finite, std: finite }),
});

/** One timeline snapshot as visitors and operators see it. */
export const timelineSummarySchema = z.object({
  id,
  order: z.number().int().min(0),
  label: z.string(),
  kind: z.string(),
  imagesSeen: z.number().int().min(0),
  datasetPasses: finite,
  /** Test accuracy as a fraction, null when the export does not say. */
  accuracy: finite.nullable(),
  /** Average training loss up to this snapshot (the timeline's faint curve); null or absent when the export does not say. */
  loss: finite.nullable().optional(),
});

export const modelInfoSchema = z.object({
  /** Changes whenever another model is loaded, so clients know to drop cached weights. */
  id,
  name: z.string(),
  kind: z.enum(['export', 'onnx']),
  network: networkSpecSchema,
  timeline: z.array(timelineSummarySchema).min(1),
  defaultSnapshotId: id,
});

export type LayerSpecInfo = z.infer<typeof layerSpecSchema>;
export type NetworkSpecInfo = z.infer<typeof networkSpecSchema>;
export type TimelineSummary = z.infer<typeof timelineSummarySchema>;
export type ModelInfo = z.infer<typeof modelInfoSchema>;

/**
 * Why the hub runs a slower inference backend or execution provider than it
 * would prefer, one line each (e.g. "cuda: provider library not installed
 * ..."), for the operator who wonders why a GPU exhibit runs "(cpu)".
 * Optional: absent means none were skipped.
 */
export const backendNotesSchema = z.array(z.string()).optional();

/** GET /api/model: the model in use, for displays that need it outside the socket (e.g. tools). */
export const modelResponseSchema = z.object({
  model: modelInfoSchema,
  snapshotId: id,
  backend: z.string(),
  backendNotes: backendNotesSchema,
});

export type ModelResponse = z.infer<typeof modelResponseSchema>;
