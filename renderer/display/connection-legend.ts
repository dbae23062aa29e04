import { translate, type Language, type StringKey } from '../shared/i18n.js';
import type { EmphasisLevel } from './connections-mesh.js';

const LEVELS: readonly { level: EmphasisLevel; key: StringKey }[] = [
  { level: 'all', key: 'emphasisAll' },
  { level: 'balanced', key: 'emphasisBalanced' },
  { level: 'strongest', key: 'emphasisStrongest' },
];

/**
 * What the colours of the lines mean, and three big buttons that choose
 * which connections stand out (a shader uniform: nothing is hidden). Plain
 * DOM over the canvas, sized for a finger.
 */
export class ConnectionLegend {
  private readonly texts: [HTMLElement, StringKey][] = [];
  private readonly buttons = new Map<EmphasisLevel, HTMLButtonElement>();

  constructor(
    private readonly root: HTMLElement,
    private readonly onEmphasis: (level: EmphasisLevel) => void,
    language: Language,
    initial: EmphasisLevel = 'balanced',
  ) {
    const title = this.text('p', 'legend-title', 'legendTitle');
    const keys = document.createElement('ul');
    keys.className = 'legend-keys';
    for (const [swatch, key] of [
      ['warm', 'legendWarm'],
      ['cool', 'legendCool'],
      ['strength', 'legendStrength'],
    ] as const) {
      const item = document.createElement('li');
      const mark = document.createElement('span');
      mark.className = `legend-swatch ${swatch}`;
      mark.setAttribute('aria-hidden', 'true');
      item.append(mark, this.text('span', 'legend-text', key));
      keys.append(item);
    }
    const control = document.createElement('div');
    control.className = 'emphasis';
    control.setAttribute('role', 'group');
    const label = this.text('span', 'emphasis-label', 'emphasisLabel');
    label.id = 'emphasis-label';
    control.setAttribute('aria-labelledby', label.id);
    control.append(label);
    for (const { level, key } of LEVELS) {
      const button = this.text('button', 'emphasis-step', key) as HTMLButtonElement;
      button.type = 'button';
      button.dataset.level = level;
      button.addEventListener('click', () => this.choose(level));
      this.buttons.set(level, button);
      control.append(button);
    }
    root.append(title, keys, control);
    this.setLanguage(language);
    this.mark(initial);
    root.hidden = false;
  }

  setLanguage(language: Language): void {
    for (const [el, key] of this.texts) el.textContent = translate(language, key);
  }

  private choose(level: EmphasisLevel): void {
    this.mark(level);
    this.onEmphasis(level);
  }

  private mark(level: EmphasisLevel): void {
    for (const [l, button] of this.buttons) button.setAttribute('aria-pressed', String(l === level));
  }

  private text(tag: string, className: string, key: StringKey): HTMLElement {
    const el = document.createElement(tag);
    el.className = className;
    this.texts.push([el, key]);
    return el;
  }

  dispose(): void {
    this.root.replaceChildren();
    this.texts.length = 0;
    this.buttons.clear();
  }
}
