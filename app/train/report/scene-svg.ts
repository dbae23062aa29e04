import { hex, type Scene, type SceneItem } from './scene.js';

/** Turns a greyscale picture into an image URL (a PNG data URL); given by the Node side, which has zlib. */
export type GrayImageEncoder = (cols: number, rows: number, pixels: Uint8Array) => string;

const FONT = "font-family=\"'DejaVu Sans', 'Helvetica Neue', Arial, sans-serif\"";

/**
 * A scene as a standalone SVG 1.1 document (no external files, no scripts).
 * Points carry data-value/data-images so that a reader can check them
 * against the manifest. Greyscale pictures need `encodeGray`; without it
 * they are left out.
 */
export function sceneToSvg(scene: Scene, encodeGray?: GrayImageEncoder): string {
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" width="${scene.width}" height="${scene.height}" viewBox="0 0 ${scene.width} ${scene.height}">`,
    `<title>${escapeXml(scene.title)}</title>`,
    `<rect x="0" y="0" width="${scene.width}" height="${scene.height}" fill="${hex(scene.background)}"/>`,
  ];
  for (const item of scene.items) {
    const element = itemToSvg(item, encodeGray);
    if (element) out.push(element);
  }
  out.push('</svg>', '');
  return out.join('\n');
}

function itemToSvg(item: SceneItem, encodeGray: GrayImageEncoder | undefined): string | undefined {
  switch (item.kind) {
    case 'line':
      return `<line x1="${n(item.x1)}" y1="${n(item.y1)}" x2="${n(item.x2)}" y2="${n(item.y2)}" stroke="${hex(item.color)}" stroke-width="${n(item.width)}"${item.dash ? ` stroke-dasharray="${n(item.dash)} ${n(item.dash)}"` : ''}/>`;
    case 'polyline':
      return `<polyline${cls(item.series)} points="${item.points.map(([x, y]) => `${n(x)},${n(y)}`).join(' ')}" fill="none" stroke="${hex(item.color)}" stroke-width="${n(item.width)}" stroke-linejoin="round" stroke-linecap="round"/>`;
    case 'circle':
      return `<circle${cls(item.series)} cx="${n(item.cx)}" cy="${n(item.cy)}" r="${n(item.r)}" fill="${hex(item.fill)}"${item.value !== undefined ? ` data-value="${item.value}"` : ''}${item.images !== undefined ? ` data-images="${item.images}"` : ''}/>`;
    case 'rect':
      return `<rect x="${n(item.x)}" y="${n(item.y)}" width="${n(item.w)}" height="${n(item.h)}" fill="${item.fill ? hex(item.fill) : 'none'}"${item.stroke ? ` stroke="${hex(item.stroke)}" stroke-width="${n(item.strokeWidth ?? 1)}"` : ''}/>`;
    case 'text': {
      const anchor = item.anchor === 'start' ? '' : ` text-anchor="${item.anchor}"`;
      return `<text x="${n(item.x)}" y="${n(item.y)}" ${FONT} font-size="${n(item.size)}"${item.bold ? ' font-weight="bold"' : ''} fill="${hex(item.color)}"${anchor}>${escapeXml(item.text)}</text>`;
    }
    case 'gray':
      if (!encodeGray) return undefined;
      // Hard pixel edges: a 28x28 digit blown up smoothly looks like fog.
      return `<image x="${n(item.x)}" y="${n(item.y)}" width="${n(item.w)}" height="${n(item.h)}" preserveAspectRatio="none" style="image-rendering:pixelated" xlink:href="${encodeGray(item.cols, item.rows, item.pixels)}"/>`;
  }
}

function cls(series: string | undefined): string {
  return series ? ` class="${escapeXml(series)}"` : '';
}

/** Short numbers: at most two decimals, no trailing zeros. */
function n(v: number): string {
  return String(Math.round(v * 100) / 100);
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[ch]!);
}
