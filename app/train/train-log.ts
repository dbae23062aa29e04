import { pyFixed, thousands } from './milestone-schedule.js';

/** The training log's lines, worded as the reference trainer prints them (train.log). */

export function deviceLine(backend: string): string {
  return `Using device: ${backend}`;
}

export function capturedLine(label: string, imagesSeen: number, batchesSeen: number, accuracy: number): string {
  return `[Timeline] Captured '${label}' at ${thousands(imagesSeen)} images (${thousands(batchesSeen)} batches) \u2013 accuracy: ${pyFixed(accuracy * 100, 2)}%`;
}

export function epochLine(epoch: number, avgLoss: number, accuracy: number, imagesSeen: number): string {
  return `Epoch ${String(epoch).padStart(2, '0')} - avg loss: ${pyFixed(avgLoss, 4)} - test accuracy: ${pyFixed(accuracy * 100, 2)}% - images seen: ${thousands(imagesSeen)}`;
}
