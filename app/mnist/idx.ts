/**
 * The IDX format MNIST ships in (http://yann.lecun.com/exdb/mnist/): a
 * big-endian header (magic 0x00000803 for images, 0x00000801 for labels, then
 * the dimensions) followed by unsigned bytes. Checked strictly: a truncated or
 * swapped file must not train or evaluate a model on garbage.
 */

export class DataFormatError extends Error {
  override readonly name = 'DataFormatError';
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`${file}: ${problem}`);
  }
}

export interface IdxImages {
  readonly count: number;
  readonly rows: number;
  readonly cols: number;
  /** count * rows * cols bytes, 0 = background, 255 = ink. */
  readonly pixels: Uint8Array;
}

const IMAGES_MAGIC = 0x00000803;
const LABELS_MAGIC = 0x00000801;

function header(bytes: Uint8Array, file: string, words: number): DataView {
  if (bytes.length < words * 4) throw new DataFormatError(file, `is ${bytes.length} bytes, too short for an IDX header`);
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function checkMagic(view: DataView, expected: number, file: string, what: string): void {
  const magic = view.getUint32(0);
  if (magic !== expected) {
    throw new DataFormatError(file, `magic number 0x${magic.toString(16).padStart(8, '0')} is not 0x${expected.toString(16).padStart(8, '0')} (IDX ${what})`);
  }
}

export function parseIdxImages(bytes: Uint8Array, file: string): IdxImages {
  checkMagic(header(bytes, file, 1), IMAGES_MAGIC, file, 'unsigned-byte images, 3 dimensions');
  const view = header(bytes, file, 4);
  const count = view.getUint32(4);
  const rows = view.getUint32(8);
  const cols = view.getUint32(12);
  if (rows !== 28 || cols !== 28) throw new DataFormatError(file, `images are ${rows}x${cols}; MNIST images are 28x28`);
  const expected = 16 + count * rows * cols;
  if (bytes.length !== expected) {
    throw new DataFormatError(file, `is ${bytes.length} bytes but its header promises ${count} images of ${rows}x${cols} (${expected} bytes)${bytes.length < expected ? ': truncated' : ''}`);
  }
  return { count, rows, cols, pixels: bytes.subarray(16) };
}

export function parseIdxLabels(bytes: Uint8Array, file: string): Uint8Array {
  checkMagic(header(bytes, file, 1), LABELS_MAGIC, file, 'unsigned-byte labels, 1 dimension');
  const view = header(bytes, file, 2);
  const count = view.getUint32(4);
  if (bytes.length !== 8 + count) {
    throw new DataFormatError(file, `is ${bytes.length} bytes but its header promises ${count} labels (${8 + count} bytes)${bytes.length < 8 + count ? ': truncated' : ''}`);
  }
  const labels = bytes.subarray(8);
  const bad = labels.findIndex((l) => l > 9);
  if (bad >= 0) throw new DataFormatError(file, `label ${bad} is ${labels[bad]}; digits are 0-9`);
  return labels;
}

/** Images [start, start + count) as [0, 1] floats back to back, the way the trainer's ToTensor() scales them. */
export function imagesAsUnitFloats(images: IdxImages, start = 0, count = images.count - start): Float32Array {
  const size = images.rows * images.cols;
  const bytes = images.pixels.subarray(start * size, (start + count) * size);
  const out = new Float32Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = (bytes[i] as number) / 255;
  return out;
}

/** Image `index` as [0, 1] floats. */
export function imageAsUnitFloats(images: IdxImages, index: number): Float32Array {
  return imagesAsUnitFloats(images, index, 1);
}
