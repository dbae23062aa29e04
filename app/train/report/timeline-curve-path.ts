/**
 * The display's timeline curve (renderer/display/timeline-curve.ts): one
 * value per snapshot, placed like the scrubber's ticks (evenly, by snapshot
 * index, not by images seen), so each point sits above its tick.
 */

/** SVG polyline points in a width x height box; snapshots without a value are left out. */
export function curvePolylinePoints(values: ReadonlyArray<number | null | undefined>, max: number, width: number, height: number): string {
  const last = Math.max(1, values.length - 1);
  const out: string[] = [];
  values.forEach((v, i) => {
    if (v === null || v === undefined || !Number.isFinite(v) || !(max > 0)) return;
    const y = height * (1 - Math.min(1, Math.max(0, v / max)));
    out.push(`${round((i / last) * width)},${round(y)}`);
  });
  return out.join(' ');
}

/** The value at a fractional scrubber position, linear between the two snapshots; undefined where either lacks one. */
export function valueAtPosition(values: ReadonlyArray<number | null | undefined>, position: number): number | undefined {
  if (values.length === 0) return undefined;
  const p = Math.min(values.length - 1, Math.max(0, position));
  const i = Math.floor(p);
  const a = values[i];
  const b = values[Math.min(values.length - 1, i + 1)];
  if (a === null || a === undefined) return undefined;
  if (p === i) return a;
  if (b === null || b === undefined) return undefined;
  return a + (b - a) * (p - i);
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}
