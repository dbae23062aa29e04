/**
 * What a sane MLP for this exhibit can be. Anything beyond is refused before
 * it is read, so a wrong or hostile file cannot exhaust the kiosk's memory.
 * The default 784-128-64-10 network has 109,386 parameters.
 */
export const MODEL_LIMITS = {
  maxLayers: 32,
  maxWidth: 16_384,
  maxParameters: 20_000_000,
  maxTimelineEntries: 1_000,
  /** The manifest holds metadata only. */
  maxManifestBytes: 8 * 1024 * 1024,
  /** Per snapshot file: base64 float16 of every parameter plus JSON framing. */
  snapshotOverheadBytes: 64 * 1024,
  /** An ONNX file: float32 weights plus graph. */
  maxOnnxBytes: 20_000_000 * 4 + 1024 * 1024,
} as const;

/** Upper bound for a snapshot file of a network with `parameters` weights and biases. */
export function maxSnapshotBytes(parameters: number): number {
  return Math.ceil((parameters * 2 * 4) / 3) + 16 * 64 + MODEL_LIMITS.snapshotOverheadBytes;
}
