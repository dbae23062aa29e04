import type { TimelineSummary } from '../../app/contract/model-info.js';
import { translate, type Language } from '../shared/i18n.js';

/**
 * What the timeline says about a snapshot, in the exhibit's language:
 * "after 1,000 images", "after 50 × all 60,000 images", "92.4% of test
 * digits right". Numbers are grouped the visitor's way (1,000 / 1.000).
 */
export function imagesLine(entry: TimelineSummary, language: Language): string {
  if (entry.imagesSeen === 0) return translate(language, 'timelineRandom');
  const n = new Intl.NumberFormat(language === 'de' ? 'de-DE' : 'en-US', { maximumFractionDigits: 1 });
  if (entry.datasetPasses >= 1) {
    const total = Math.round(entry.imagesSeen / entry.datasetPasses / 1000) * 1000;
    return translate(language, 'timelinePasses', { passes: n.format(entry.datasetPasses), total: n.format(total) });
  }
  return translate(language, 'timelineImages', { images: n.format(entry.imagesSeen) });
}

export function accuracyLine(entry: TimelineSummary, language: Language): string {
  if (entry.accuracy === null) return '';
  const percent = new Intl.NumberFormat(language === 'de' ? 'de-DE' : 'en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(entry.accuracy * 100);
  return translate(language, 'timelineAccuracy', { percent });
}

/** The right end of the scrubber: "50 passes" from the last snapshot. */
export function endLabel(last: TimelineSummary | undefined, language: Language): string {
  const passes = last ? Math.round(last.datasetPasses * 10) / 10 : 0;
  return translate(language, 'timelineEnd', { passes: new Intl.NumberFormat(language === 'de' ? 'de-DE' : 'en-US').format(passes) });
}
