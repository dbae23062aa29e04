import type { LiveTrainingStatus } from '../../app/contract/live-training.js';
import { translate, type Language } from '../shared/i18n.js';

export interface LiveTrainingPanelEvents {
  readonly onStart: () => void;
  /** Stop (while it learns) or Back (once it has finished). */
  readonly onStop: () => void;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, parent: HTMLElement): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  parent.append(node);
  return node;
}

/**
 * The way in ("Train a new network from scratch", next to the timeline's
 * button) and, while a live run goes on, a panel in the timeline's place:
 * images seen, how often it is right, a progress bar and a stop button.
 * Plain DOM; live-training-mode.ts decides what it shows.
 */
export class LiveTrainingPanel {
  private readonly startButton: HTMLButtonElement;
  private readonly panel: HTMLElement;
  private readonly title: HTMLElement;
  private readonly images: HTMLElement;
  private readonly accuracy: HTMLElement;
  private readonly hint: HTMLElement;
  private readonly fill: HTMLElement;
  private readonly stopButton: HTMLButtonElement;
  private language: Language = 'en';
  private status: LiveTrainingStatus | undefined;

  /** `beside`: the timeline's section; the start button joins its row. */
  constructor(beside: HTMLElement, parent: HTMLElement, events: LiveTrainingPanelEvents) {
    this.startButton = el('button', 'live-start', beside);
    this.startButton.type = 'button';
    this.startButton.id = 'live-start';
    this.startButton.addEventListener('click', () => events.onStart());

    this.panel = el('section', 'live-panel', parent);
    this.panel.id = 'live-panel';
    this.panel.hidden = true;
    const head = el('div', 'live-head', this.panel);
    const caption = el('div', 'live-caption', head);
    this.title = el('span', 'live-title', caption);
    this.images = el('strong', 'live-images', caption);
    this.images.id = 'live-images';
    this.accuracy = el('span', 'live-accuracy', caption);
    this.accuracy.id = 'live-accuracy';
    this.stopButton = el('button', 'live-stop', head);
    this.stopButton.type = 'button';
    this.stopButton.id = 'live-stop';
    this.stopButton.addEventListener('click', () => events.onStop());
    const bar = el('div', 'live-bar', this.panel);
    this.fill = el('div', 'live-fill', bar);
    this.hint = el('div', 'live-hint', this.panel);
  }

  setLanguage(language: Language): void {
    this.language = language;
    this.startButton.textContent = translate(language, 'liveStart');
    this.hint.textContent = translate(language, 'liveDraw');
    this.show(this.status);
  }

  /** The run as the hub last described it; undefined hides the panel. */
  show(status: LiveTrainingStatus | undefined): void {
    this.status = status;
    this.panel.hidden = !status;
    if (!status) return;
    const { language } = this;
    const done = status.state === 'completed';
    this.title.textContent = translate(language, done ? 'liveDone' : 'liveTitle');
    this.stopButton.textContent = translate(language, done ? 'liveBack' : 'liveStop');
    const number = new Intl.NumberFormat(language === 'de' ? 'de-DE' : 'en-US');
    this.images.textContent = status.state === 'starting' ? translate(language, 'liveStarting') : translate(language, 'liveImages', { images: number.format(status.imagesSeen) });
    this.accuracy.textContent =
      status.testAccuracy === null
        ? translate(language, 'liveNotTested')
        : translate(language, 'liveAccuracy', { percent: new Intl.NumberFormat(language === 'de' ? 'de-DE' : 'en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(status.testAccuracy * 100) });
    this.fill.style.transform = `scaleX(${status.totalImages > 0 ? Math.min(1, status.imagesSeen / status.totalImages).toFixed(4) : '0'})`;
  }

  /** The progress lines as shown (tests read them). */
  text(): string {
    return this.panel.hidden ? '' : `${this.images.textContent ?? ''} · ${this.accuracy.textContent ?? ''}`;
  }
}
