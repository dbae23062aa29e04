import { z } from 'zod';
import { ACTIVATIONS } from './types.js';
import { MODEL_LIMITS } from './limits.js';

/**
 * The anchor visualiser's manifest, version 2, as its PyTorch trainer writes
 * it. Unknown keys are kept (readers ignore them; we record training config
 * there) so that reading and writing back loses nothing.
 */

const dim = z.number().int('must be a whole number').min(1, 'must be at least 1').max(MODEL_LIMITS.maxWidth, `must be at most ${MODEL_LIMITS.maxWidth}`);
const count = z.number().int('must be a whole number').min(0, 'must not be negative');
const finite = z.number({ error: 'must be a number' });

export const layerMetaSchema = z.looseObject({
  layer_index: count.optional(),
  type: z.literal('dense', { error: 'only "dense" layers are supported' }).optional(),
  name: z.string().max(200).optional(),
  activation: z.enum(ACTIVATIONS, { error: `must be one of ${ACTIVATIONS.join(', ')}` }),
  weight_shape: z.tuple([dim, dim], { error: 'must be [out, in]' }),
  bias_shape: z.tuple([dim], { error: 'must be [out]' }),
});

export const timelineEntrySchema = z.looseObject({
  id: z.string().min(1, 'must not be empty').max(200),
  order: count,
  label: z.string().max(500),
  kind: z.string().max(100),
  target_images: count,
  images_seen: count,
  batches_seen: count,
  dataset_passes: finite.min(0, 'must not be negative'),
  description: z.string().max(2000),
  metrics: z.looseObject({
    test_accuracy: finite.min(0).max(1, 'must be a fraction between 0 and 1').optional(),
    avg_training_loss: finite.min(0).optional(),
  }),
  weights: z.looseObject({
    path: z.string().min(1, 'must not be empty').max(1000),
    dtype: z.literal('float16', { error: 'only "float16" snapshots are supported' }).optional(),
    format: z.literal('layer_array_v1', { error: 'only "layer_array_v1" snapshots are supported' }).optional(),
  }),
  dataset_multiple: finite.optional(),
});

export const manifestSchema = z.looseObject({
  version: z.literal(2, { error: 'must be 2 (this reader supports manifest version 2)' }),
  dtype: z.literal('float16', { error: 'must be "float16"' }),
  weights: z.looseObject({
    storage: z.literal('per_snapshot_files', { error: 'must be "per_snapshot_files"' }),
    format: z.literal('layer_array_v1', { error: 'must be "layer_array_v1"' }),
    precision: z.literal('float16', { error: 'must be "float16"' }).optional(),
  }),
  network: z.looseObject({
    architecture: z.array(dim).min(2, 'needs an input and an output size').max(MODEL_LIMITS.maxLayers + 1, `at most ${MODEL_LIMITS.maxLayers} layers`),
    layers: z.array(layerMetaSchema).min(1, 'needs at least one layer').max(MODEL_LIMITS.maxLayers, `at most ${MODEL_LIMITS.maxLayers} layers`),
    input_dim: dim,
    output_dim: dim,
    normalization: z.looseObject({
      mean: finite,
      std: finite.positive('must be greater than 0'),
    }),
  }),
  timeline: z.array(timelineEntrySchema).min(1, 'needs at least one snapshot').max(MODEL_LIMITS.maxTimelineEntries, `at most ${MODEL_LIMITS.maxTimelineEntries} snapshots`),
});

export type ManifestJson = z.infer<typeof manifestSchema>;
export type TimelineEntryJson = z.infer<typeof timelineEntrySchema>;
