import { GLYPH_ADVANCE, GLYPH_HEIGHT, GLYPH_WIDTH, glyphDrop, glyphRows, glyphScale } from './bitmap-font.js';
import type { Rgb, Scene, SceneItem } from './scene.js';

/** Pixels of a picture: width * height * 3 bytes, RGB, rows top to bottom. */
export interface RgbImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/**
 * Paints a scene into pixels, `scale` device pixels per scene pixel (2 gives
 * a sharp picture on today's screens and room for the bitmap font).
 * Lines and circles are anti-aliased by their distance to the shape; text
 * comes from the built-in 5x7 font (bitmap-font.ts), so no font file is
 * needed. Pure: the PNG encoding is main/train/report/encode-png.ts.
 */
export function rasterize(scene: Scene, scale = 2): RgbImage {
  const width = Math.round(scene.width * scale);
  const height = Math.round(scene.height * scale);
  const canvas = new Canvas(width, height);
  canvas.fillRect(0, 0, width, height, scene.background);
  for (const item of scene.items) paint(canvas, item, scale);
  return { width, height, data: canvas.data };
}

function paint(c: Canvas, item: SceneItem, s: number): void {
  switch (item.kind) {
    case 'line': {
      const w = Math.max(1, item.width * s);
      if (!item.dash) return c.segment(item.x1 * s, item.y1 * s, item.x2 * s, item.y2 * s, w, item.color);
      const length = Math.hypot(item.x2 - item.x1, item.y2 - item.y1);
      for (let t = 0; t < length; t += item.dash * 2) {
        const a = t / length;
        const b = Math.min(1, (t + item.dash) / length);
        const x = (f: number) => (item.x1 + (item.x2 - item.x1) * f) * s;
        const y = (f: number) => (item.y1 + (item.y2 - item.y1) * f) * s;
        c.segment(x(a), y(a), x(b), y(b), w, item.color);
      }
      return;
    }
    case 'polyline':
      for (let i = 1; i < item.points.length; i++) {
        const [x1, y1] = item.points[i - 1]!;
        const [x2, y2] = item.points[i]!;
        c.segment(x1 * s, y1 * s, x2 * s, y2 * s, item.width * s, item.color);
      }
      return;
    case 'circle':
      return c.disc(item.cx * s, item.cy * s, item.r * s, item.fill);
    case 'rect': {
      const [x, y, w, h] = [item.x * s, item.y * s, item.w * s, item.h * s];
      if (item.fill) c.fillRect(Math.round(x), Math.round(y), Math.round(w), Math.round(h), item.fill);
      if (item.stroke) {
        const sw = Math.max(1, (item.strokeWidth ?? 1) * s);
        c.fillRect(Math.round(x - sw / 2), Math.round(y - sw / 2), Math.round(w + sw), Math.round(sw), item.stroke);
        c.fillRect(Math.round(x - sw / 2), Math.round(y + h - sw / 2), Math.round(w + sw), Math.round(sw), item.stroke);
        c.fillRect(Math.round(x - sw / 2), Math.round(y - sw / 2), Math.round(sw), Math.round(h + sw), item.stroke);
        c.fillRect(Math.round(x + w - sw / 2), Math.round(y - sw / 2), Math.round(sw), Math.round(h + sw), item.stroke);
      }
      return;
    }
    case 'text':
      return c.text(item.text, item.x * s, item.y * s, item.size * s, item.color, item.anchor, item.bold ?? false);
    case 'gray':
      return c.gray(Math.round(item.x * s), Math.round(item.y * s), Math.round(item.w * s), Math.round(item.h * s), item.cols, item.rows, item.pixels);
  }
}

class Canvas {
  readonly data: Uint8Array;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.data = new Uint8Array(width * height * 3);
  }

  /** Mixes `color` into pixel (x, y) with coverage `a` in [0, 1]. */
  blend(x: number, y: number, [r, g, b]: Rgb, a: number): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height || a <= 0) return;
    const i = (y * this.width + x) * 3;
    const d = this.data;
    if (a >= 1) {
      d[i] = r;
      d[i + 1] = g;
      d[i + 2] = b;
      return;
    }
    d[i] = Math.round(d[i]! + (r - d[i]!) * a);
    d[i + 1] = Math.round(d[i + 1]! + (g - d[i + 1]!) * a);
    d[i + 2] = Math.round(d[i + 2]! + (b - d[i + 2]!) * a);
  }

  fillRect(x: number, y: number, w: number, h: number, [r, g, b]: Rgb): void {
    const x0 = Math.max(0, x);
    const x1 = Math.min(this.width, x + w);
    for (let yy = Math.max(0, y); yy < Math.min(this.height, y + h); yy++) {
      for (let i = (yy * this.width + x0) * 3, end = (yy * this.width + x1) * 3; i < end; i += 3) {
        this.data[i] = r;
        this.data[i + 1] = g;
        this.data[i + 2] = b;
      }
    }
  }

  /** A segment `w` wide with round ends; a pixel's coverage falls off over one pixel at the edge. */
  segment(x1: number, y1: number, x2: number, y2: number, w: number, color: Rgb): void {
    const half = w / 2;
    const dx = x2 - x1;
    const dy = y2 - y1;
    const len2 = dx * dx + dy * dy;
    const x0 = Math.floor(Math.min(x1, x2) - half - 1);
    const x3 = Math.ceil(Math.max(x1, x2) + half + 1);
    const y0 = Math.floor(Math.min(y1, y2) - half - 1);
    const y3 = Math.ceil(Math.max(y1, y2) + half + 1);
    for (let y = y0; y <= y3; y++) {
      for (let x = x0; x <= x3; x++) {
        const px = x + 0.5;
        const py = y + 0.5;
        const t = len2 === 0 ? 0 : Math.min(1, Math.max(0, ((px - x1) * dx + (py - y1) * dy) / len2));
        const d = Math.hypot(px - (x1 + t * dx), py - (y1 + t * dy));
        this.blend(x, y, color, Math.min(1, half + 0.5 - d));
      }
    }
  }

  disc(cx: number, cy: number, r: number, color: Rgb): void {
    this.segment(cx, cy, cx, cy, r * 2, color);
  }

  /** Text from the bitmap font; (x, y) is the anchor on the baseline. */
  text(text: string, x: number, y: number, size: number, color: Rgb, anchor: 'start' | 'middle' | 'end', bold: boolean): void {
    const k = glyphScale(size);
    const chars = [...text];
    const width = (chars.length * GLYPH_ADVANCE - 1) * k + (bold ? k : 0);
    let left = Math.round(anchor === 'start' ? x : anchor === 'middle' ? x - width / 2 : x - width);
    const top = Math.round(y) - GLYPH_HEIGHT * k;
    for (const ch of chars) {
      const drop = glyphDrop(ch);
      glyphRows(ch).forEach((bits, row) => {
        for (let col = 0; col < GLYPH_WIDTH; col++) {
          if (!(bits & (1 << (GLYPH_WIDTH - 1 - col)))) continue;
          this.fillRect(left + col * k, top + (row + drop) * k, k + (bold ? k : 0), k, color);
        }
      });
      left += GLYPH_ADVANCE * k;
    }
  }

  /** A greyscale picture scaled to w x h, nearest pixel (hard edges, like the digit the network sees). */
  gray(x: number, y: number, w: number, h: number, cols: number, rows: number, pixels: Uint8Array): void {
    for (let yy = 0; yy < h; yy++) {
      const row = Math.min(rows - 1, Math.floor((yy * rows) / h));
      for (let xx = 0; xx < w; xx++) {
        const v = pixels[row * cols + Math.min(cols - 1, Math.floor((xx * cols) / w))] ?? 0;
        this.blend(x + xx, y + yy, [v, v, v], 1);
      }
    }
  }
}
