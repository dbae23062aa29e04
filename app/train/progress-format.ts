import { thousands } from './milestone-schedule.js';

/** What the trainer reports after each batch. */
export interface TrainProgress {
  readonly epoch: number; // 1-based, the epoch in progress
  readonly epochs: number;
  readonly imagesSeen: number;
  readonly totalImages: number;
  readonly batchesSeen: number;
  /** Training images per second over this session (resumed runs count from the resume). */
  readonly samplesPerSecond: number;
  readonly backend: string;
}

/** Seconds left at the current speed; undefined until there is a speed to go by. */
export function etaSeconds(p: TrainProgress): number | undefined {
  if (!(p.samplesPerSecond > 0)) return undefined;
  return Math.max(0, (p.totalImages - p.imagesSeen) / p.samplesPerSecond);
}

/** 75 -> "1m15s", 3725 -> "1h02m". */
export function formatDuration(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '--';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** One status line: the bar for a terminal, or the plain periodic line for a log. */
export function formatProgress(p: TrainProgress, barWidth = 0): string {
  const fraction = p.totalImages > 0 ? Math.min(1, p.imagesSeen / p.totalImages) : 1;
  const percent = `${(fraction * 100).toFixed(1).padStart(5)}%`;
  const filled = Math.round(fraction * barWidth);
  const bar = barWidth > 0 ? `[${'#'.repeat(filled)}${'.'.repeat(barWidth - filled)}] ` : '';
  const speed = `${thousands(Math.round(p.samplesPerSecond))} samples/s`;
  return `epoch ${p.epoch}/${p.epochs} ${bar}${percent}  ${speed}  ETA ${formatDuration(etaSeconds(p))}  ${p.backend}`;
}
