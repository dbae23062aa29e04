import type { TimelineSummary } from '../../app/contract/model-info.js';
import { translate, type Language } from '../shared/i18n.js';
import { TimelineCurve } from './timeline-curve.js';
import { accuracyLine, endLabel, imagesLine } from './timeline-labels.js';

export interface TimelinePanelEvents {
  readonly onOpen: () => void;
  readonly onClose: () => void;
  /** The visitor moved the scrubber: position in [0, snapshots - 1], fractional between ticks. */
  readonly onScrub: (position: number) => void;
  readonly onPlay: () => void;
}

/** One snapshot's guess for the visitor's digit, shown above its tick. */
export interface TickGuess {
  readonly digit: number;
  readonly confidence: number;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, parent?: HTMLElement): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  parent?.append(node);
  return node;
}

/**
 * The timeline along the bottom of the network: a "watch it learn" button
 * while closed; open, the training curve (timeline-curve.ts) over a
 * scrubber from random weights to the last snapshot
 * with a tick per snapshot, each tick topped by what that snapshot made of
 * the visitor's digit, a big thumb for fingers, a play button, and the
 * snapshot's images seen and test accuracy. Plain DOM; it reports gestures
 * and shows what it is told (timeline-mode.ts decides).
 */
export class TimelinePanel {
  readonly root: HTMLElement;
  private readonly toggle: HTMLButtonElement;
  private readonly panel: HTMLElement;
  private readonly title: HTMLElement;
  private readonly images: HTMLElement;
  private readonly accuracy: HTMLElement;
  private readonly play: HTMLButtonElement;
  private readonly back: HTMLButtonElement;
  private readonly track: HTMLElement;
  /** Inside the track, inset by half a thumb: ticks, rail and thumb positions are fractions of it. */
  private readonly lane: HTMLElement;
  private readonly fill: HTMLElement;
  private readonly thumb: HTMLElement;
  private readonly guesses: HTMLElement;
  private readonly start: HTMLElement;
  private readonly end: HTMLElement;
  private readonly note: HTMLElement;
  private readonly curve: TimelineCurve;
  private ticks: HTMLElement[] = [];
  private cells: HTMLElement[] = [];
  private entries: readonly TimelineSummary[] = [];
  private language: Language = 'en';
  private playing = false;

  constructor(parent: HTMLElement, private readonly events: TimelinePanelEvents) {
    this.root = el('section', 'timeline', parent);
    this.root.setAttribute('aria-label', 'Training timeline');
    this.toggle = el('button', 'timeline-toggle', this.root);
    this.toggle.type = 'button';
    this.toggle.id = 'timeline-open';
    this.toggle.addEventListener('click', () => events.onOpen());

    this.panel = el('div', 'timeline-panel', this.root);
    this.panel.hidden = true;
    const head = el('div', 'timeline-head', this.panel);
    this.play = el('button', 'timeline-play', head);
    this.play.type = 'button';
    this.play.id = 'timeline-play';
    this.play.addEventListener('click', () => events.onPlay());
    const caption = el('div', 'timeline-caption', head);
    this.title = el('span', 'timeline-title', caption);
    this.images = el('strong', 'timeline-images', caption);
    this.accuracy = el('span', 'timeline-accuracy', caption);
    this.back = el('button', 'timeline-back', head);
    this.back.type = 'button';
    this.back.id = 'timeline-back';
    this.back.addEventListener('click', () => events.onClose());

    const scrubber = el('div', 'timeline-scrubber', this.panel);
    this.curve = new TimelineCurve(scrubber);
    this.guesses = el('div', 'timeline-guesses', scrubber);
    this.track = el('div', 'timeline-track', scrubber);
    this.lane = el('div', 'timeline-lane', this.track);
    this.lane.id = 'timeline-lane';
    const rail = el('div', 'timeline-rail', this.lane);
    this.fill = el('div', 'timeline-fill', rail);
    this.thumb = el('div', 'timeline-thumb', this.lane);
    this.thumb.setAttribute('role', 'slider');
    this.thumb.tabIndex = 0;
    const ends = el('div', 'timeline-ends', this.panel);
    this.start = el('span', 'timeline-start', ends);
    this.note = el('span', 'timeline-note', ends);
    this.end = el('span', 'timeline-end', ends);
    this.listen();
  }

  /** The model's snapshots: one tick each, evenly spaced (early learning is fast; a log scale by images would crowd it). */
  setEntries(entries: readonly TimelineSummary[]): void {
    this.entries = entries;
    for (const t of this.ticks) t.remove();
    for (const c of this.cells) c.remove();
    const last = Math.max(1, entries.length - 1);
    this.ticks = entries.map((_, i) => {
      const tick = el('span', 'timeline-tick', this.lane);
      tick.style.left = `${(i / last) * 100}%`;
      return tick;
    });
    this.cells = entries.map((_, i) => {
      const cell = el('span', 'timeline-cell', this.guesses);
      cell.style.left = `${(i / last) * 100}%`;
      el('span', 'timeline-cell-digit', cell);
      el('span', 'timeline-cell-bar', cell);
      return cell;
    });
    this.thumb.setAttribute('aria-valuemin', '0');
    this.thumb.setAttribute('aria-valuemax', String(entries.length - 1));
    this.curve.setEntries(entries);
    this.setLanguage(this.language);
  }

  setLanguage(language: Language): void {
    this.language = language;
    this.toggle.textContent = translate(language, 'timelineOpen');
    this.title.textContent = translate(language, 'timelineTitle');
    this.back.textContent = translate(language, 'timelineBack');
    this.start.textContent = translate(language, 'timelineStart');
    this.end.textContent = endLabel(this.entries.at(-1), language);
    this.curve.setLanguage(language);
    this.setPlaying(this.playing);
  }

  setOpen(open: boolean): void {
    this.panel.hidden = !open;
    this.toggle.hidden = open;
    this.root.classList.toggle('open', open);
  }

  setPlaying(playing: boolean): void {
    this.playing = playing;
    this.play.classList.toggle('playing', playing);
    this.play.setAttribute('aria-label', translate(this.language, playing ? 'timelinePause' : 'timelinePlay'));
  }

  /** Thumb at `position`; the caption names the nearest snapshot. */
  setPosition(position: number): void {
    const last = Math.max(1, this.entries.length - 1);
    const percent = `${(position / last) * 100}%`;
    this.thumb.style.left = percent;
    this.fill.style.width = percent;
    this.curve.setPosition(position);
    const nearest = Math.round(position);
    const entry = this.entries[nearest];
    this.thumb.setAttribute('aria-valuenow', position.toFixed(2));
    this.ticks.forEach((t, i) => t.classList.toggle('passed', i <= position));
    this.cells.forEach((c, i) => c.classList.toggle('current', i === nearest));
    if (!entry) return;
    this.images.textContent = imagesLine(entry, this.language);
    this.accuracy.textContent = accuracyLine(entry, this.language);
  }

  /** Each snapshot's guess for the visitor's digit (undefined: nothing drawn); `reference` is the trained network's guess. */
  setGuesses(guesses: readonly TickGuess[] | undefined, reference: number): void {
    this.cells.forEach((cell, i) => {
      const g = guesses?.[i];
      const digit = cell.firstElementChild as HTMLElement;
      const bar = cell.lastElementChild as HTMLElement;
      digit.textContent = g ? String(g.digit) : '';
      bar.style.transform = `scaleY(${g ? g.confidence.toFixed(3) : '0'})`;
      cell.classList.toggle('agrees', !!g && g.digit === reference);
    });
  }

  /** A short line under the scrubber: loading, or an invitation to draw. */
  setNote(key: 'timelineLoading' | 'timelineDraw' | undefined): void {
    this.note.textContent = key ? translate(this.language, key) : '';
  }

  private listen(): void {
    const positionAt = (clientX: number): number => {
      const box = this.lane.getBoundingClientRect();
      const f = Math.min(1, Math.max(0, (clientX - box.left) / Math.max(1, box.width)));
      return f * Math.max(0, this.entries.length - 1);
    };
    let dragging: number | undefined;
    this.track.addEventListener('pointerdown', (e) => {
      dragging = e.pointerId;
      this.track.setPointerCapture(e.pointerId);
      this.events.onScrub(positionAt(e.clientX));
    });
    this.track.addEventListener('pointermove', (e) => {
      if (dragging === e.pointerId) this.events.onScrub(positionAt(e.clientX));
    });
    const end = (e: PointerEvent): void => {
      if (dragging !== e.pointerId) return;
      dragging = undefined;
      if (this.track.hasPointerCapture(e.pointerId)) this.track.releasePointerCapture(e.pointerId);
    };
    this.track.addEventListener('pointerup', end);
    this.track.addEventListener('pointercancel', end);
    this.thumb.addEventListener('keydown', (e) => {
      const now = Number(this.thumb.getAttribute('aria-valuenow') ?? 0);
      if (e.key === 'ArrowLeft') this.events.onScrub(Math.max(0, Math.ceil(now) - 1));
      else if (e.key === 'ArrowRight') this.events.onScrub(Math.min(this.entries.length - 1, Math.floor(now) + 1));
    });
  }

  dispose(): void {
    this.root.remove();
  }
}
