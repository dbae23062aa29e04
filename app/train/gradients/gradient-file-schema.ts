import { z } from 'zod';
import { ACTIVATIONS } from '../../model/types.js';
import { GRADIENT_FILE_LIMITS as LIMITS } from './gradient-file-limits.js';

/**
 * The JSON parts of the two gradient files (docs/GRADIENTS.md). snake_case
 * like the anchor's export, since Python is where these files are studied.
 * Keys this reader does not know are ignored, so later versions can add some.
 */

const count = z.number().int('must be a whole number').min(0, 'must not be negative');
const dim = count.min(1, 'must be at least 1').max(LIMITS.maxWidth, `must be at most ${LIMITS.maxWidth}`);
const nonNegative = z.number({ error: 'must be a number' }).min(0, 'must not be negative');
const name = z.string().min(1, 'must not be empty').max(200, 'must be at most 200 characters');
/** A file beside the JSON: a bare name, so a hostile file cannot point a reader at /etc or ../.. */
export const blobFileName = z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9._-]{0,199}$/, 'must be a plain file name beside the JSON (letters, digits, . _ -)');

export const LOSS = 'softmax_cross_entropy';
export const FLOAT32_LE = '<f4';

export const networkJsonSchema = z.object({
  architecture: z.array(dim).min(2, 'needs an input and an output size').max(LIMITS.maxLayers + 1, `at most ${LIMITS.maxLayers} layers`),
  normalization: z.object({ mean: z.number(), std: z.number().positive('must be positive') }),
  layers: z
    .array(
      z.object({
        name,
        activation: z.enum(ACTIVATIONS, { error: `must be one of ${ACTIVATIONS.join(', ')}` }),
        weight_shape: z.tuple([dim, dim], { error: 'must be [out, in]' }),
        bias_shape: z.tuple([dim], { error: 'must be [out]' }),
      }),
    )
    .min(1, 'needs at least one layer')
    .max(LIMITS.maxLayers, `at most ${LIMITS.maxLayers} layers`),
});

const modelRef = z.object({ name: z.string().max(1000), snapshot: z.string().max(200).nullable() });

const blobRef = {
  file: blobFileName,
  dtype: z.literal(FLOAT32_LE, { error: `must be "${FLOAT32_LE}" (float32, little-endian)` }),
  byte_length: count.max(LIMITS.maxBlobBytes, `must be at most ${LIMITS.maxBlobBytes}`),
  crc32: count.max(0xffffffff, 'must be an unsigned 32-bit number'),
};

export const sampleGradientsJsonSchema = z.object({
  format: z.literal('mlp-kiosk-sample-gradients', { error: 'must be "mlp-kiosk-sample-gradients"' }),
  version: z.literal(1, { error: 'must be 1 (this reader supports version 1)' }),
  loss: z.literal(LOSS, { error: `must be "${LOSS}"` }),
  model: modelRef,
  network: networkJsonSchema,
  data: z.object({ ...blobRef, shape: z.tuple([count, count], { error: 'must be [samples, parameters]' }) }),
  parameter_layout: z.array(
    z.object({
      layer: name,
      part: z.enum(['weights', 'biases'], { error: 'must be "weights" or "biases"' }),
      offset: count,
      shape: z.array(dim).min(1).max(2),
    }),
  ),
  samples: z
    .array(z.object({ split: z.string().max(100), index: count, label: count, predicted: count, loss: nonNegative, norm: nonNegative }))
    .max(LIMITS.maxSamples, `at most ${LIMITS.maxSamples} samples per file`),
});
export type SampleGradientsJson = z.infer<typeof sampleGradientsJsonSchema>;

export const classSummaryJsonSchema = z.object({
  classes: z.array(z.object({ label: count, count, mean_norm: nonNegative, median_norm: nonNegative, mean_loss: nonNegative, error_rate: nonNegative.max(1) })),
  hardest_classes: z.array(count),
  hardest_samples: z.array(z.object({ index: count, label: count, predicted: count, norm: nonNegative, loss: nonNegative })),
});
export type ClassSummaryJson = z.infer<typeof classSummaryJsonSchema>;

export const normsEntryJsonSchema = z.object({
  id: blobFileName,
  epoch: count.nullable(),
  images_seen: count.nullable(),
  snapshot: z.string().max(200).nullable(),
  ...blobRef,
  summary: classSummaryJsonSchema,
});
export type NormsEntryJson = z.infer<typeof normsEntryJsonSchema>;

export const gradientNormsJsonSchema = z.object({
  format: z.literal('mlp-kiosk-gradient-norms', { error: 'must be "mlp-kiosk-gradient-norms"' }),
  version: z.literal(1, { error: 'must be 1 (this reader supports version 1)' }),
  loss: z.literal(LOSS, { error: `must be "${LOSS}"` }),
  model: modelRef,
  network: networkJsonSchema,
  split: z.string().max(100),
  count: count.max(LIMITS.maxNormsCount, `must be at most ${LIMITS.maxNormsCount}`),
  columns: z.array(z.string().max(300)).max(LIMITS.maxLayers + 4),
  layout: z.literal('columns', { error: 'must be "columns" (each blob is [columns][count])' }),
  entries: z.array(normsEntryJsonSchema).max(LIMITS.maxNormsEntries, `at most ${LIMITS.maxNormsEntries} entries`),
});
export type GradientNormsJson = z.infer<typeof gradientNormsJsonSchema>;
