/** Refuses input of the wrong size: a caller bug that must not turn into garbage activations. */
export function checkPixels(pixels: Float32Array, n: number, inDim: number): void {
  if (!Number.isInteger(n) || n < 0 || pixels.length !== n * inDim) {
    throw new RangeError(`inference: expected ${n} samples of ${inDim} values (${n * inDim}), got ${pixels.length}`);
  }
}
