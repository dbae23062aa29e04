import { describe, expect, it } from 'vitest';
import { encodePng, grayPngDataUrl } from '../../../../../main/train/report/encode-png.js';
import { decodePng, pixelAt } from '../../../../helpers/decode-png.js';

/** Deterministic bytes (a linear congruential sequence): noise that deflate cannot shrink much. */
function bytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    out[i] = s >>> 24;
  }
  return out;
}

describe('encodePng', () => {
  it('writes RGB PNGs that an independent reader decodes to the same pixels (signature, CRCs, IHDR..IEND)', () => {
    for (const [width, height] of [[1, 1], [7, 3], [64, 40]] as const) {
      const data = bytes(width * height * 3, width * 31 + height);
      const png = decodePng(encodePng({ width, height, data }));
      expect(png.chunks).toEqual(['IHDR', 'IDAT', 'IEND']);
      expect([png.width, png.height, png.channels]).toEqual([width, height, 3]);
      expect(png.data).toEqual(data);
    }
  });

  it('writes greyscale PNGs, and data URLs of them for SVG images', () => {
    const data = bytes(28 * 28, 5);
    expect(decodePng(encodePng({ width: 28, height: 28, data }, 1)).data).toEqual(data);
    const url = grayPngDataUrl(28, 28, data);
    expect(url.startsWith('data:image/png;base64,')).toBe(true);
    const png = decodePng(new Uint8Array(Buffer.from(url.slice('data:image/png;base64,'.length), 'base64')));
    expect(pixelAt(png, 3, 2)).toEqual([data[2 * 28 + 3], data[2 * 28 + 3], data[2 * 28 + 3]]);
  });

  it('refuses pixel data that does not match the size it is told', () => {
    expect(() => encodePng({ width: 4, height: 4, data: new Uint8Array(47) })).toThrow(/47 bytes is not 4x4x3/);
  });

  it('detects a flipped bit (the reader really checks the CRCs)', () => {
    const file = encodePng({ width: 8, height: 8, data: bytes(192, 1) });
    file[20] = file[20]! ^ 1; // inside IHDR
    expect(() => decodePng(file)).toThrow(/bad CRC in IHDR/);
  });
});
