/**
 * What a gradient file may declare before it is read. A reader checks the
 * JSON against these before allocating, so a hostile "count" or "shape"
 * cannot make it allocate gigabytes.
 */
export const GRADIENT_FILE_LIMITS = {
  /** The JSON part is metadata only (the summary of an entry is ~3 kB). */
  maxJsonBytes: 16 * 1024 * 1024,
  /** Samples with full gradients in one file (0.44 MB each for 784-128-64-10). */
  maxSamples: 1_000,
  /** Samples per norms entry: all of MNIST (70k) with room to spare. */
  maxNormsCount: 10_000_000,
  maxNormsEntries: 10_000,
  maxLayers: 32,
  maxWidth: 16_384,
  /** Parameters per sample: the model limit. */
  maxParameters: 20_000_000,
  /** Bytes of one blob, checked on the declared length before reading it. */
  maxBlobBytes: 1024 * 1024 * 1024,
} as const;
