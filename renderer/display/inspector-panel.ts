import type { Term } from '../../app/inspect/neuron-terms.js';
import { translate, type Language, type StringKey } from '../shared/i18n.js';
import { drawContributions, drawDiverging, type Grid } from './weight-image.js';

/** What the panel shows for one neuron, computed by neuron-inspector.ts. */
export interface PanelContent {
  readonly title: string;
  readonly valueLabel: StringKey;
  readonly value: string;
  readonly note: string;
  /** Incoming weights, one per input of the previous layer (absent for input pixels). */
  readonly weights?: { readonly grid: Grid; readonly values: ArrayLike<number> };
  /** weight x input per input (or the pixels themselves for an input pixel), strongest ringed. */
  readonly now?: { readonly grid: Grid; readonly values: ArrayLike<number>; readonly mode: 'diverging' | 'grey'; readonly positive: readonly Term[]; readonly negative: readonly Term[] };
  readonly up: readonly { name: string; value: string }[];
  readonly down: readonly { name: string; value: string }[];
  readonly formula: string;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, parent?: HTMLElement): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  parent?.append(node);
  return node;
}

/**
 * The inspector's card (plain DOM: crisp text at any size). Built once into
 * the page's empty #inspector; every string comes from shared/i18n.
 */
export class InspectorPanel {
  private readonly title: HTMLElement;
  private readonly close: HTMLButtonElement;
  private readonly weightsFigure: HTMLElement;
  private readonly weightsCanvas: HTMLCanvasElement;
  private readonly weightsCaption: HTMLElement;
  private readonly nowFigure: HTMLElement;
  private readonly nowCanvas: HTMLCanvasElement;
  private readonly nowCaption: HTMLElement;
  private readonly valueLabel: HTMLElement;
  private readonly value: HTMLElement;
  private readonly note: HTMLElement;
  private readonly terms: HTMLElement;
  private readonly up: HTMLElement;
  private readonly down: HTMLElement;
  private readonly formulaBox: HTMLElement;
  private readonly formula: HTMLElement;
  private language: Language = 'en';

  constructor(
    readonly root: HTMLElement,
    onClose: () => void,
  ) {
    root.classList.add('inspector');
    const head = el('header', 'inspector-head', root);
    this.title = el('h2', 'inspector-title', head);
    this.close = el('button', 'inspector-close', head);
    this.close.type = 'button';
    this.close.textContent = '×';
    this.close.addEventListener('click', onClose);
    const body = el('div', 'inspector-body', root);
    [this.weightsFigure, this.weightsCanvas, this.weightsCaption] = figure(body, 'inspector-weights');
    [this.nowFigure, this.nowCanvas, this.nowCaption] = figure(body, 'inspector-now');
    const text = el('div', 'inspector-text', body);
    const valueRow = el('p', 'inspector-value', text);
    this.valueLabel = el('span', 'inspector-value-label', valueRow);
    this.value = el('strong', 'inspector-value-number', valueRow);
    this.note = el('span', 'inspector-note', valueRow);
    this.terms = el('div', 'inspector-terms', text);
    this.up = termList(this.terms, 'up');
    this.down = termList(this.terms, 'down');
    this.formulaBox = el('div', 'inspector-formula-box', text);
    el('p', 'inspector-formula-label', this.formulaBox).dataset.key = 'inspectorFormula';
    this.formula = el('p', 'inspector-formula', this.formulaBox);
  }

  setLanguage(language: Language): void {
    this.language = language;
    this.close.setAttribute('aria-label', translate(language, 'inspectorClose'));
    for (const node of this.root.querySelectorAll<HTMLElement>('[data-key]')) node.textContent = translate(language, node.dataset.key as StringKey);
    this.weightsCaption.innerHTML = '';
    caption(this.weightsCaption, translate(language, 'inspectorWeights'), translate(language, 'inspectorLegend'));
  }

  show(content: PanelContent): void {
    const t = (key: StringKey): string => translate(this.language, key);
    this.title.textContent = content.title;
    this.valueLabel.textContent = t(content.valueLabel);
    this.value.textContent = content.value;
    this.note.textContent = content.note;
    this.weightsFigure.hidden = !content.weights;
    if (content.weights) drawDiverging(this.weightsCanvas, content.weights.grid, content.weights.values);
    this.nowFigure.hidden = !content.now;
    if (content.now) {
      drawContributions(this.nowCanvas, content.now.grid, content.now.values, content.now, content.now.mode);
      this.nowCaption.innerHTML = '';
      caption(this.nowCaption, t('inspectorNow'), content.now.mode === 'diverging' ? t('inspectorNowLegend') : '');
    }
    this.terms.hidden = content.up.length + content.down.length === 0;
    fill(this.up, content.up);
    fill(this.down, content.down);
    this.formulaBox.hidden = !content.formula;
    // Terms do not break inside themselves: "(+781 more)" stays whole at the end of a line.
    this.formula.replaceChildren(
      ...content.formula.split(' + ').flatMap((term, i) => {
        const span = el('span', 'inspector-formula-term');
        span.textContent = term;
        return i ? [' + ', span] : [span];
      }),
    );
    this.root.hidden = false;
  }

  hide(): void {
    this.root.hidden = true;
  }
}

function figure(parent: HTMLElement, className: string): [HTMLElement, HTMLCanvasElement, HTMLElement] {
  const box = el('figure', `inspector-figure ${className}`, parent);
  const canvas = el('canvas', 'inspector-canvas', box);
  const cap = el('figcaption', 'inspector-caption', box);
  return [box, canvas, cap];
}

function caption(parent: HTMLElement, main: string, small: string): void {
  el('span', 'inspector-caption-main', parent).textContent = main;
  if (small) el('span', 'inspector-caption-small', parent).textContent = small;
}

function termList(parent: HTMLElement, kind: 'up' | 'down'): HTMLElement {
  const box = el('div', `inspector-list inspector-${kind}`, parent);
  el('h3', 'inspector-list-title', box).dataset.key = kind === 'up' ? 'inspectorUp' : 'inspectorDown';
  return el('ol', 'inspector-list-items', box);
}

function fill(list: HTMLElement, rows: readonly { name: string; value: string }[]): void {
  list.replaceChildren(
    ...rows.map((row) => {
      const li = document.createElement('li');
      el('span', 'inspector-term-name', li).textContent = row.name;
      el('span', 'inspector-term-value', li).textContent = row.value;
      return li;
    }),
  );
}
