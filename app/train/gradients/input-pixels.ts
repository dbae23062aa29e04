import { GradientInputError } from './gradient-error.js';

/** Images as the trainer holds them: raw IDX bytes (0-255) or [0, 1] floats, n * inDim values back to back. */
export type ImagePixels = Float32Array | Uint8Array;

/** What a pixel value is multiplied by to give [0, 1]: bytes are scaled like imagesAsUnitFloats (ToTensor). */
export function pixelScale(images: ImagePixels): number {
  return images instanceof Uint8Array ? 1 / 255 : 1;
}

/** Checks that `images` holds exactly `labels.length` images of `inDim` pixels; returns the image count. */
export function checkImages(images: ImagePixels, labels: Uint8Array, inDim: number): number {
  if (!(images instanceof Float32Array || images instanceof Uint8Array)) throw new GradientInputError('images', 'must be a Float32Array ([0, 1]) or a Uint8Array (0-255)');
  if (!(labels instanceof Uint8Array)) throw new GradientInputError('labels', 'must be a Uint8Array');
  if (images.length !== labels.length * inDim) {
    throw new GradientInputError('images', `holds ${images.length} values; ${labels.length} labels need ${labels.length} x ${inDim} = ${labels.length * inDim} (the network reads ${inDim} pixels)`);
  }
  return labels.length;
}
