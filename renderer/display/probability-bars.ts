import { judgeGuess } from '../../app/display/guess-confidence.js';
import { translate, type Language } from '../shared/i18n.js';

/**
 * Bars for 0-9 and the top guess, large. Plain DOM: text stays crisp at any
 * size, and bars animate with a CSS transform (no layout per update). When
 * the network is not sure (app/display/guess-confidence.ts) the big digit
 * says "?" and names the two candidates instead of pretending.
 */
export class ProbabilityBars {
  private readonly fills: HTMLElement[] = [];
  private readonly values: HTMLElement[] = [];
  private readonly rows: HTMLElement[] = [];
  private language: Language = 'en';
  private last: { probabilities: readonly number[]; empty: boolean } = { probabilities: [], empty: true };

  constructor(
    private readonly list: HTMLOListElement,
    private readonly guess: { box: HTMLElement; digit: HTMLElement; label: HTMLElement },
    classes = 10,
  ) {
    for (let k = 0; k < classes; k++) {
      const row = document.createElement('li');
      row.className = 'bar';
      const digit = document.createElement('span');
      digit.className = 'bar-digit';
      digit.textContent = String(k);
      const track = document.createElement('span');
      track.className = 'bar-track';
      const fill = document.createElement('span');
      fill.className = 'bar-fill';
      fill.style.display = 'block';
      track.append(fill);
      const value = document.createElement('span');
      value.className = 'bar-value';
      row.append(digit, track, value);
      list.append(row);
      this.rows.push(row);
      this.fills.push(fill);
      this.values.push(value);
    }
  }

  /** Empty means no ink: the bars rest at zero rather than showing a guess for a blank pad. */
  update(probabilities: readonly number[], empty: boolean): void {
    this.last = { probabilities, empty };
    const guess = judgeGuess(probabilities, empty);
    const top = guess.kind === 'none' ? -1 : guess.digit;
    const second = guess.kind === 'unsure' ? guess.second : -1;
    this.rows.forEach((row, k) => {
      const p = empty ? 0 : (probabilities[k] ?? 0);
      (this.fills[k] as HTMLElement).style.transform = `scaleX(${p.toFixed(4)})`;
      (this.values[k] as HTMLElement).textContent = empty ? '' : `${Math.round(p * 100)}%`;
      row.classList.toggle('top', k === top);
      row.classList.toggle('maybe', k === second);
    });
    this.guess.box.classList.toggle('idle', guess.kind === 'none');
    this.guess.box.classList.toggle('unsure', guess.kind === 'unsure');
    this.guess.digit.textContent = guess.kind === 'sure' ? String(guess.digit) : '?';
    this.guess.label.textContent =
      guess.kind === 'none'
        ? translate(this.language, 'guessWaiting')
        : guess.kind === 'unsure'
          ? translate(this.language, 'guessUnsure', { first: guess.digit, second: guess.second })
          : translate(this.language, 'confidence', { percent: Math.round(guess.probability * 100) });
  }

  setLanguage(language: Language): void {
    this.language = language;
    this.update(this.last.probabilities, this.last.empty);
  }

  dispose(): void {
    this.list.replaceChildren();
  }
}
