import { argmax } from '../../app/model/forward.js';
import { translate, type Language } from '../shared/i18n.js';

/**
 * Bars for 0-9 and the top guess, large. Plain DOM: text stays crisp at any
 * size, and bars animate with a CSS transform (no layout per update).
 */
export class ProbabilityBars {
  private readonly fills: HTMLElement[] = [];
  private readonly values: HTMLElement[] = [];
  private readonly rows: HTMLElement[] = [];
  private language: Language = 'en';
  private shown: { probabilities: readonly number[]; empty: boolean } = { probabilities: [], empty: true };

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

  setLanguage(language: Language): void {
    this.language = language;
    this.update(this.shown.probabilities, this.shown.empty);
  }

  /** Empty means no ink: the bars rest at zero rather than showing a guess for a blank pad. */
  update(probabilities: readonly number[], empty: boolean): void {
    this.shown = { probabilities, empty };
    const top = empty ? -1 : argmax(probabilities);
    this.rows.forEach((row, k) => {
      const p = empty ? 0 : (probabilities[k] ?? 0);
      (this.fills[k] as HTMLElement).style.transform = `scaleX(${p.toFixed(4)})`;
      (this.values[k] as HTMLElement).textContent = empty ? '' : `${Math.round(p * 100)}%`;
      row.classList.toggle('top', k === top);
    });
    this.guess.box.classList.toggle('idle', top < 0);
    this.guess.digit.textContent = top < 0 ? '?' : String(top);
    this.guess.label.textContent = top < 0 ? translate(this.language, 'guessWaiting') : translate(this.language, 'confidence', { percent: Math.round((probabilities[top] ?? 0) * 100) });
  }

  dispose(): void {
    this.list.replaceChildren();
  }
}
