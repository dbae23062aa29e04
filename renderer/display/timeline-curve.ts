import type { TimelineSummary } from '../../app/contract/model-info.js';
import { curvePolylinePoints, valueAtPosition } from '../../app/train/report/timeline-curve-path.js';
import { translate, type Language } from '../shared/i18n.js';

const SVG = 'http://www.w3.org/2000/svg';
/** The plot's own units: stretched to the strip (preserveAspectRatio none), lines kept thin by non-scaling strokes. */
const W = 1000;
const H = 100;

function svg<K extends keyof SVGElementTagNameMap>(tag: K, className: string, parent: Element): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  node.setAttribute('class', className);
  parent.append(node);
  return node;
}

/**
 * The training curve above the scrubber: test accuracy per snapshot (and
 * the training loss, faint), each point above its tick, so visitors see
 * where the network got good before they slide there; a warm marker
 * follows the thumb. Hidden for a model whose export gives no accuracy
 * (an ONNX file). Plain DOM + SVG, told what to show by timeline-panel.ts.
 */
export class TimelineCurve {
  readonly root: HTMLElement;
  private readonly area: SVGPathElement;
  private readonly accuracyLine: SVGPolylineElement;
  private readonly lossLine: SVGPolylineElement;
  private readonly marker: HTMLElement;
  private readonly dot: HTMLElement;
  private readonly accuracyLabel: HTMLElement;
  private readonly lossLabel: HTMLElement;
  private accuracy: Array<number | null> = [];

  constructor(parent: HTMLElement) {
    this.root = document.createElement('div');
    this.root.className = 'timeline-curve';
    parent.prepend(this.root);
    const legend = document.createElement('div');
    legend.className = 'timeline-curve-legend';
    this.accuracyLabel = document.createElement('span');
    this.accuracyLabel.className = 'timeline-curve-key accuracy';
    this.lossLabel = document.createElement('span');
    this.lossLabel.className = 'timeline-curve-key loss';
    legend.append(this.accuracyLabel, this.lossLabel);
    const plot = document.createElement('div');
    plot.className = 'timeline-curve-plot';
    this.root.append(legend, plot);
    const box = svg('svg', 'timeline-curve-svg', plot);
    box.setAttribute('viewBox', `0 0 ${W} ${H}`);
    box.setAttribute('preserveAspectRatio', 'none');
    box.setAttribute('aria-hidden', 'true');
    const top = svg('line', 'timeline-curve-top', box);
    for (const [k, v] of [['x1', 0], ['x2', W], ['y1', 0], ['y2', 0]] as const) top.setAttribute(k, String(v));
    this.area = svg('path', 'timeline-curve-area', box);
    this.lossLine = svg('polyline', 'timeline-curve-loss', box);
    this.accuracyLine = svg('polyline', 'timeline-curve-accuracy', box);
    this.marker = document.createElement('span');
    this.marker.className = 'timeline-curve-marker';
    this.dot = document.createElement('span');
    this.dot.className = 'timeline-curve-dot';
    plot.append(this.marker, this.dot);
  }

  setEntries(entries: readonly TimelineSummary[]): void {
    this.accuracy = entries.map((e) => e.accuracy);
    const losses = entries.map((e) => e.loss ?? null);
    const maxLoss = Math.max(0, ...losses.map((l) => l ?? 0));
    const points = curvePolylinePoints(this.accuracy, 1, W, H);
    this.accuracyLine.setAttribute('points', points);
    this.lossLine.setAttribute('points', curvePolylinePoints(losses, maxLoss, W, H));
    const first = points.split(' ')[0]?.split(',')[0];
    const last = points.split(' ').at(-1)?.split(',')[0];
    this.area.setAttribute('d', points ? `M${first},${H} L${points.replaceAll(' ', ' L')} L${last},${H} Z` : '');
    this.lossLabel.hidden = maxLoss === 0;
    this.root.hidden = !this.accuracy.some((a) => a !== null);
  }

  setLanguage(language: Language): void {
    this.accuracyLabel.textContent = translate(language, 'timelineCurveAccuracy');
    this.lossLabel.textContent = translate(language, 'timelineCurveLoss');
  }

  /** The marker at the thumb's position, the dot on the accuracy curve there. */
  setPosition(position: number): void {
    const last = Math.max(1, this.accuracy.length - 1);
    const left = `${(position / last) * 100}%`;
    this.marker.style.left = left;
    this.dot.style.left = left;
    const value = valueAtPosition(this.accuracy, position);
    this.dot.hidden = value === undefined;
    if (value !== undefined) this.dot.style.top = `${(1 - value) * 100}%`;
  }
}
