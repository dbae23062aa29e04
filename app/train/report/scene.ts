/**
 * A picture as a list of drawing primitives in pixel coordinates (origin top
 * left). The report's charts are built once as a scene; scene-svg.ts writes
 * it as SVG and rasterize.ts paints it into pixels for the PNG, so the two
 * files always show the same points.
 */

/** An sRGB colour, 0-255 per channel. */
export type Rgb = readonly [number, number, number];

export interface LineItem {
  readonly kind: 'line';
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  readonly color: Rgb;
  readonly width: number;
  /** Dash and gap length in pixels; solid when absent. */
  readonly dash?: number;
}

export interface PolylineItem {
  readonly kind: 'polyline';
  readonly points: ReadonlyArray<readonly [number, number]>;
  readonly color: Rgb;
  readonly width: number;
  /** Names the series (e.g. "accuracy"), written as the SVG element's class so readers can find it. */
  readonly series?: string;
}

export interface CircleItem {
  readonly kind: 'circle';
  readonly cx: number;
  readonly cy: number;
  readonly r: number;
  readonly fill: Rgb;
  readonly series?: string;
  /** The value the point stands for, kept in the SVG (data-value) so that a reader can check it. */
  readonly value?: number;
  readonly images?: number;
}

export interface RectItem {
  readonly kind: 'rect';
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly fill?: Rgb;
  readonly stroke?: Rgb;
  readonly strokeWidth?: number;
}

export interface TextItem {
  readonly kind: 'text';
  /** Anchor point; y is the baseline. */
  readonly x: number;
  readonly y: number;
  readonly text: string;
  /** Font size in pixels (the PNG's bitmap font rounds it to a whole multiple of its 7-pixel glyphs). */
  readonly size: number;
  readonly color: Rgb;
  readonly anchor: 'start' | 'middle' | 'end';
  readonly bold?: boolean;
}

/** A greyscale picture (e.g. an MNIST digit), scaled to w x h with hard pixel edges. */
export interface GrayImageItem {
  readonly kind: 'gray';
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly cols: number;
  readonly rows: number;
  /** cols * rows bytes, 0 = black, 255 = white. */
  readonly pixels: Uint8Array;
}

export type SceneItem = LineItem | PolylineItem | CircleItem | RectItem | TextItem | GrayImageItem;

export interface Scene {
  readonly width: number;
  readonly height: number;
  readonly background: Rgb;
  /** Shown as the SVG's <title> (what a screen reader or a file browser says). */
  readonly title: string;
  readonly items: readonly SceneItem[];
}

export function hex([r, g, b]: Rgb): string {
  return `#${[r, g, b].map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}
