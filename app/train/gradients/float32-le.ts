/**
 * Float32 little-endian bytes, whatever the host's byte order: the gradient
 * files' blobs are numpy's '<f4'. DataView rather than a Float32Array view so
 * that the files are the same on a big-endian host and a misaligned offset
 * cannot throw.
 */
export function float32ToBytes(arrays: ReadonlyArray<ArrayLike<number>>): Uint8Array {
  const total = arrays.reduce((n, a) => n + a.length, 0);
  const bytes = new Uint8Array(total * 4);
  const view = new DataView(bytes.buffer);
  let offset = 0;
  for (const values of arrays) {
    for (let i = 0; i < values.length; i++, offset += 4) view.setFloat32(offset, values[i] as number, true);
  }
  return bytes;
}

/** `count` float32 values starting at float index `start`. */
export function bytesToFloat32(bytes: Uint8Array, start: number, count: number): Float32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = view.getFloat32((start + i) * 4, true);
  return out;
}
