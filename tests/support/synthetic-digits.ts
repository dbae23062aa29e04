/**
 * Digits written as strokes by code, in a 100 x 100 box with y down, the way
 * a visitor draws them with one finger. Used to check that the ink path
 * (app/ink) plus the default model recognise a drawn digit; issue 3 adds real
 * tablet handwriting.
 */
type Pt = [number, number];

function arc(cx: number, cy: number, rx: number, ry: number, from: number, to: number, steps = 24): Pt[] {
  const out: Pt[] = [];
  for (let i = 0; i <= steps; i++) {
    const a = ((from + ((to - from) * i) / steps) * Math.PI) / 180;
    out.push([cx + rx * Math.cos(a), cy + ry * Math.sin(a)]);
  }
  return out;
}

function line(a: Pt, b: Pt, steps = 12): Pt[] {
  const out: Pt[] = [];
  for (let i = 0; i <= steps; i++) out.push([a[0] + ((b[0] - a[0]) * i) / steps, a[1] + ((b[1] - a[1]) * i) / steps]);
  return out;
}

// Angles in degrees, 0 = right, 90 = down (y points down).
export const SYNTHETIC_DIGITS: Record<number, Pt[][]> = {
  0: [arc(50, 50, 28, 40, -90, 270, 40)],
  1: [line([54, 10], [46, 90])],
  2: [[...arc(50, 32, 26, 22, 200, 360), ...line([76, 32], [24, 90]), ...line([24, 90], [80, 90]).slice(1)]],
  3: [[...arc(48, 30, 26, 20, 200, 450), ...arc(48, 70, 28, 20, 270, 520).slice(1)]],
  4: [[...line([58, 10], [18, 62]), ...line([18, 62], [84, 62]).slice(1)], line([64, 32], [64, 92])],
  5: [[...line([78, 10], [34, 10]), ...line([34, 10], [30, 46]).slice(1), ...arc(50, 64, 28, 26, 220, 500).slice(1)]],
  6: [[...arc(66, 40, 36, 44, 250, 180, 12), ...arc(50, 68, 26, 22, 180, 540, 32).slice(1)]],
  7: [[...line([20, 10], [80, 10]), ...line([80, 10], [40, 90]).slice(1)]],
  8: [[...arc(50, 30, 22, 20, 90, 450, 32), ...arc(50, 70, 26, 20, -90, 270, 32).slice(1)]],
  9: [[...arc(50, 32, 24, 22, 0, 360, 32), ...line([74, 32], [70, 90]).slice(1)]],
};

/** The same strokes moved and scaled: where and how large a visitor draws must not matter. */
export function transformStrokes(strokes: Pt[][], scale: number, dx: number, dy: number): Pt[][] {
  return strokes.map((s) => s.map(([x, y]) => [x * scale + dx, y * scale + dy] as Pt));
}
