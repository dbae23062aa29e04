import { describe, expect, it } from 'vitest';
import { languageOf, translate } from '../../../../renderer/shared/i18n.js';

describe('i18n', () => {
  it('follows the browser for German, English otherwise', () => {
    expect(['de', 'de-DE', 'de-AT', 'de_CH', 'DE'].map(languageOf)).toEqual(['de', 'de', 'de', 'de', 'de']);
    expect(['en-GB', 'fr', 'dea', '', null, undefined].map(languageOf)).toEqual(['en', 'en', 'en', 'en', 'en', 'en']);
  });

  it('fills parameters and leaves unknown ones visible', () => {
    expect(translate('en', 'turnWait', { seconds: 3 })).toBe('Someone else is drawing — your turn in 3 s');
    expect(translate('de', 'turnWait', { seconds: 3 })).toBe('Jemand anderes zeichnet – du bist in 3 s dran');
    expect(translate('en', 'confidence', {})).toBe('{percent}% sure');
  });

  it('has every German string, each with the same parameters as the English one', () => {
    const keys = ['title', 'hint', 'undo', 'clear', 'guessNone', 'guessIs', 'confidence', 'connecting', 'paired', 'reconnecting', 'notPaired', 'turnYours', 'turnWait', 'pinTitle', 'pinWrong', 'pinExpired', 'pinRevoked', 'pinLocked', 'pinDelete', 'pinOk', 'pairingLine', 'pairingPin', 'guessWaiting', 'guessUnsure', 'legendTitle', 'legendWarm', 'legendCool', 'legendStrength', 'emphasisLabel', 'emphasisAll', 'emphasisBalanced', 'emphasisStrongest'] as const;
    for (const key of keys) {
      const en = translate('en', key);
      const de = translate('de', key);
      expect(de, key).toBeTruthy();
      expect(de.match(/\{\w+\}/g) ?? [], key).toEqual(en.match(/\{\w+\}/g) ?? []);
    }
  });

  it('says honestly when the network is not sure, in both languages', () => {
    expect(translate('en', 'guessUnsure', { first: 4, second: 9 })).toBe('Not sure — maybe 4 or 9');
    expect(translate('de', 'guessUnsure', { first: 4, second: 9 })).toBe('Nicht sicher – vielleicht 4 oder 9');
  });
});
