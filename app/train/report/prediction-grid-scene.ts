import type { Rgb, Scene, SceneItem } from './scene.js';

/** One test digit with the network's answer. */
export interface PredictedDigit {
  /** rows * cols bytes, 0 = background, 255 = ink (as in the MNIST files). */
  readonly pixels: Uint8Array;
  readonly label: number;
  readonly predicted: number;
  /** Index in the test set, for the SVG's title and for curators who want to find it again. */
  readonly index: number;
}

export const GRID_COLORS = {
  mistake: [214, 39, 40] as Rgb,
  mistakeBackground: [253, 228, 228] as Rgb,
  correct: [44, 140, 60] as Rgb,
  frame: [200, 200, 200] as Rgb,
  text: [34, 34, 34] as Rgb,
  muted: [110, 110, 110] as Rgb,
  background: [255, 255, 255] as Rgb,
} as const;

export interface GridGeometry {
  readonly columns: number;
  readonly margin: number;
  readonly header: number;
  readonly tileWidth: number;
  readonly tileHeight: number;
  /** Scene pixels of the digit picture's side. */
  readonly image: number;
}

export const GRID: GridGeometry = { columns: 10, margin: 30, header: 96, tileWidth: 112, tileHeight: 124, image: 84 };

/** Top-left corner of tile `i`'s digit picture. */
export function tileImageOrigin(i: number, g: GridGeometry = GRID): [number, number] {
  const col = i % g.columns;
  const row = Math.floor(i / g.columns);
  return [g.margin + col * g.tileWidth + (g.tileWidth - g.image) / 2, g.header + row * g.tileHeight + 8];
}

/**
 * Test digits in a grid, white ink on black as the network sees them, each
 * captioned with the network's answer. A mistake gets a red frame and names
 * the true digit, so the few wrong ones jump out of a hundred right ones.
 */
export function predictionGridScene(digits: readonly PredictedDigit[], heading: { title: string; subtitle: string }, g: GridGeometry = GRID): Scene {
  const c = GRID_COLORS;
  const rows = Math.max(1, Math.ceil(digits.length / g.columns));
  const width = g.margin * 2 + g.columns * g.tileWidth;
  const height = g.header + rows * g.tileHeight + g.margin - 8;
  const items: SceneItem[] = [
    { kind: 'text', x: g.margin, y: 38, text: heading.title, size: 22, color: c.text, anchor: 'start', bold: true },
    { kind: 'text', x: g.margin, y: 66, text: heading.subtitle, size: 14, color: c.muted, anchor: 'start' },
  ];
  digits.forEach((d, i) => {
    const [x, y] = tileImageOrigin(i, g);
    const wrong = d.predicted !== d.label;
    if (wrong) items.push({ kind: 'rect', x: x - 8, y: y - 6, w: g.image + 16, h: g.tileHeight - 6, fill: c.mistakeBackground });
    items.push({ kind: 'gray', x, y, w: g.image, h: g.image, cols: 28, rows: Math.round(d.pixels.length / 28), pixels: d.pixels });
    items.push({ kind: 'rect', x, y, w: g.image, h: g.image, stroke: wrong ? c.mistake : c.frame, strokeWidth: wrong ? 4 : 1 });
    const caption = wrong ? `${d.predicted} (true ${d.label})` : String(d.predicted);
    items.push({ kind: 'text', x: x + g.image / 2, y: y + g.image + 24, text: caption, size: 15, color: wrong ? c.mistake : c.correct, anchor: 'middle', bold: wrong });
  });
  return { width, height, background: c.background, title: `${heading.title}: ${heading.subtitle}`, items };
}
