import { describe, expect, it } from 'vitest';
import { DataFormatError, imageAsUnitFloats, parseIdxImages, parseIdxLabels } from '../../../../app/mnist/idx.js';

function idx(magic: number, dims: number[], body: number[]): Uint8Array {
  const head = new DataView(new ArrayBuffer(4 + dims.length * 4));
  head.setUint32(0, magic);
  dims.forEach((d, i) => head.setUint32(4 + i * 4, d));
  return new Uint8Array([...new Uint8Array(head.buffer), ...body]);
}

describe('IDX parsing', () => {
  it('reads images and labels', () => {
    const images = parseIdxImages(idx(0x803, [2, 28, 28], new Array(2 * 784).fill(255)), 'i');
    expect(images.count).toBe(2);
    expect(imageAsUnitFloats(images, 1)[783]).toBe(1);
    expect([...parseIdxLabels(idx(0x801, [3], [7, 0, 9]), 'l')]).toEqual([7, 0, 9]);
  });

  it.each([
    ['labels given as images', () => parseIdxImages(idx(0x801, [3], [1, 2, 3]), 'f'), /f: magic number 0x00000801 is not 0x00000803/],
    ['images given as labels', () => parseIdxLabels(idx(0x803, [1, 28, 28], new Array(784).fill(0)), 'f'), /magic number 0x00000803 is not 0x00000801/],
    ['truncated images', () => parseIdxImages(idx(0x803, [2, 28, 28], new Array(784).fill(0)), 'f'), /f: is 800 bytes but its header promises 2 images of 28x28 \(1584 bytes\): truncated/],
    ['trailing bytes', () => parseIdxLabels(idx(0x801, [1], [1, 2]), 'f'), /header promises 1 labels/],
    ['wrong image size', () => parseIdxImages(idx(0x803, [1, 32, 32], new Array(1024).fill(0)), 'f'), /images are 32x32; MNIST images are 28x28/],
    ['label out of range', () => parseIdxLabels(idx(0x801, [2], [3, 12]), 'f'), /label 1 is 12; digits are 0-9/],
    ['empty file', () => parseIdxLabels(new Uint8Array(0), 'f'), /too short for an IDX header/],
  ])('rejects %s', (_name, run, message) => {
    expect(run).toThrow(DataFormatError);
    expect(run).toThrow(message);
  });
});
