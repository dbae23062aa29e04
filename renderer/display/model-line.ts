import type { ModelInfo } from '../../app/contract/model-info.js';
import { translate, type Language } from '../shared/i18n.js';

/** One quiet line under the network: which model and snapshot, how good it is, what runs it. */
/** The model's name and snapshot label come from the model file, in the language it was written in. */
export function describeModel(model: ModelInfo, snapshotId: string, backend: string, language: Language = 'en'): string {
  const entry = model.timeline.find((t) => t.id === snapshotId);
  const parts = [model.name];
  if (entry) {
    parts.push(entry.label);
    if (entry.accuracy !== null) parts.push(translate(language, 'modelAccuracy', { percent: (entry.accuracy * 100).toFixed(1) }));
  }
  parts.push(translate(language, 'modelInference', { backend }));
  return parts.join('  ·  ');
}

/** "Draw a digit and watch 202 neurons decide what it is." from the architecture. */
export function subtitleFor(model: ModelInfo, language: Language = 'en'): string {
  const neurons = model.network.architecture.slice(1).reduce((a, b) => a + b, 0);
  return translate(language, 'displaySubtitle', { neurons });
}
