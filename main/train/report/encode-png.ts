import { crc32, deflateSync } from 'node:zlib';
import type { RgbImage } from '../../../app/train/report/rasterize.js';

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

/**
 * A PNG file (8-bit RGB, or 8-bit greyscale when `channels` is 1): the
 * signature, IHDR, one zlib-compressed IDAT with filter "Up" on every row
 * (chart backgrounds are flat, so it compresses well), IEND; every chunk
 * with its CRC-32. node:zlib does the deflate and the CRC: no native module.
 */
export function encodePng(image: RgbImage, channels: 1 | 3 = 3): Uint8Array {
  const { width, height, data } = image;
  if (data.length !== width * height * channels) throw new Error(`encodePng: ${data.length} bytes is not ${width}x${height}x${channels}`);
  const stride = width * channels;
  const raw = new Uint8Array((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    const out = y * (stride + 1);
    raw[out] = y === 0 ? 0 : 2; // 0 = None for the first row, 2 = Up after it
    for (let i = 0; i < stride; i++) {
      const v = data[y * stride + i]!;
      raw[out + 1 + i] = y === 0 ? v : (v - data[(y - 1) * stride + i]!) & 0xff;
    }
  }
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, channels === 3 ? 2 : 0, 0, 0, 0], 8); // bit depth, colour type, compression, filter, interlace
  return concat([SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', new Uint8Array(0))]);
}

/** A greyscale picture as a data URL, for the SVG's <image> elements. */
export function grayPngDataUrl(cols: number, rows: number, pixels: Uint8Array): string {
  return `data:image/png;base64,${Buffer.from(encodePng({ width: cols, height: rows, data: pixels }, 1)).toString('base64')}`;
}

function chunk(type: string, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + body.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, body.length);
  out.set(Buffer.from(type, 'ascii'), 4);
  out.set(body, 8);
  view.setUint32(8 + body.length, crc32(out.subarray(4, 8 + body.length)));
  return out;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
