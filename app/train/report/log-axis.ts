/**
 * The report's x axis: images seen on a "log(1 + n)" scale. Training
 * snapshots are spaced geometrically (50, 120, 250, ... images, then 1x to
 * 50x the 60,000-image set), and almost all of the learning happens in the
 * first few thousand images: on a linear axis the first 13 of 35 snapshots,
 * where accuracy climbs from 10% to 90%, would share the first pixel or two.
 * A plain log scale cannot show the initial snapshot (0 images); log(1 + n)
 * puts it at 0 and is indistinguishable from log(n) from 100 images on.
 */

export function logImages(images: number): number {
  return Math.log10(1 + Math.max(0, images));
}

export interface AxisTick {
  readonly images: number;
  readonly label: string;
}

/** 0, then every power of ten from 10 up to `maxImages`. */
export function imageTicks(maxImages: number): AxisTick[] {
  const ticks: AxisTick[] = [{ images: 0, label: '0' }];
  for (let images = 10; images <= maxImages; images *= 10) ticks.push({ images, label: shortCount(images) });
  return ticks;
}

/** 1000 -> "1k", 2500000 -> "2.5M": axis labels that fit under a tick. */
export function shortCount(n: number): string {
  if (n >= 1e6) return `${trim(n / 1e6)}M`;
  if (n >= 1e3) return `${trim(n / 1e3)}k`;
  return String(n);
}

function trim(v: number): string {
  return String(Math.round(v * 10) / 10);
}
