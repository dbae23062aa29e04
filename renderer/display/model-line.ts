import type { ModelInfo } from '../../app/contract/model-info.js';

/** One quiet line under the network: which model and snapshot, how good it is, what runs it. */
export function describeModel(model: ModelInfo, snapshotId: string, backend: string): string {
  const entry = model.timeline.find((t) => t.id === snapshotId);
  const parts = [model.name];
  if (entry) {
    parts.push(entry.label);
    if (entry.accuracy !== null) parts.push(`test accuracy ${(entry.accuracy * 100).toFixed(1)}%`);
  }
  parts.push(`inference: ${backend}`);
  return parts.join('  ·  ');
}

/** "Draw a digit and watch 202 neurons decide what it is." from the architecture. */
export function subtitleFor(model: ModelInfo): string {
  const neurons = model.network.architecture.slice(1).reduce((a, b) => a + b, 0);
  return `Draw a digit and watch ${neurons} neurons decide what it is.`;
}
