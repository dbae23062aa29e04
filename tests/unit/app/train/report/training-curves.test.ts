import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseManifest } from '../../../../../app/model/parse-manifest.js';
import type { TimelineEntry } from '../../../../../app/model/types.js';
import { curvePoints, ReportError } from '../../../../../app/train/report/curve-series.js';
import { CURVE_COLORS, curvesLayout, curvesScene, niceCeiling, toPixel } from '../../../../../app/train/report/curves-scene.js';
import { imageTicks, logImages, shortCount } from '../../../../../app/train/report/log-axis.js';
import { rasterize } from '../../../../../app/train/report/rasterize.js';
import { sceneToSvg } from '../../../../../app/train/report/scene-svg.js';
import { REFERENCE_MANIFEST } from '../../../../helpers/fixtures.js';
import { parseXml, type XmlElement } from '../../../../helpers/parse-xml.js';

const { timeline } = parseManifest(readFileSync(REFERENCE_MANIFEST, 'utf8'), 'mlp_weights.json');
const points = curvePoints(timeline, 'mlp_weights.json');

const num = (e: XmlElement, name: string): number => Number(e.attributes[name]);

describe('training curves (the PyTorch-written reference timeline)', () => {
  it('take every snapshot\'s metrics; the initial snapshot has accuracy but no loss', () => {
    expect(points).toHaveLength(35);
    expect(points[0]).toMatchObject({ id: 'initial', images: 0, accuracy: timeline[0]!.metrics.testAccuracy, loss: undefined });
    expect(points.at(-1)).toMatchObject({ id: 'dataset_50x', images: 3_000_000, accuracy: 0.98 });
    expect(points.filter((p) => p.loss !== undefined)).toHaveLength(34);
  });

  it('are a standalone SVG that an XML parser reads, whose points are the manifest\'s metrics', () => {
    const svg = sceneToSvg(curvesScene(points, 'mlp_weights.json'));
    const elements = parseXml(svg);
    expect(elements[0]!.tag).toBe('{http://www.w3.org/2000/svg}svg');
    expect(svg).not.toMatch(/<script|href="http/);
    const layout = curvesLayout(points);
    for (const [series, frame, metric] of [
      ['accuracy', layout.accuracy, (e: TimelineEntry) => e.metrics.testAccuracy],
      ['loss', layout.loss, (e: TimelineEntry) => e.metrics.avgTrainingLoss],
    ] as const) {
      const circles = elements.filter((e) => e.tag.endsWith('circle') && e.attributes.class === series);
      const expected = timeline.filter((e) => metric(e) !== undefined);
      expect(circles).toHaveLength(expected.length);
      circles.forEach((c, i) => {
        const entry = expected[i]!;
        expect(num(c, 'data-value')).toBe(metric(entry));
        expect(num(c, 'data-images')).toBe(entry.imagesSeen);
        // The drawn position maps back to the metric (y) and to log10(1 + images) (x).
        const value = frame.yMax * (1 - (num(c, 'cy') - frame.top) / frame.height);
        expect(value).toBeCloseTo(metric(entry)!, 3);
        const x = ((num(c, 'cx') - frame.left) / frame.width) * layout.xMax;
        expect(x).toBeCloseTo(Math.log10(1 + entry.imagesSeen), 3);
      });
      const line = elements.find((e) => e.tag.endsWith('polyline') && e.attributes.class === series)!;
      const vertices = line.attributes.points!.split(' ').map((p) => p.split(',').map(Number));
      expect(vertices).toEqual(circles.map((c) => [num(c, 'cx'), num(c, 'cy')]));
    }
    const texts = elements.filter((e) => e.tag.endsWith('text')).map((e) => e.text);
    expect(texts).toEqual(expect.arrayContaining(['Test accuracy', 'Images seen (log scale)', '98.00%', '1k', '1M', '1 pass']));
    expect(elements.find((e) => e.tag.endsWith('title'))!.text).toContain('final test accuracy 98.00%');
  });

  it('paint the same points into pixels: the accuracy colour where the last snapshot lies, white away from the curves', () => {
    const scene = curvesScene(points, 'mlp_weights.json');
    const image = rasterize(scene, 2);
    expect([image.width, image.height]).toEqual([scene.width * 2, scene.height * 2]);
    const layout = curvesLayout(points);
    const at = ([x, y]: [number, number]) => {
      const i = (Math.round(y * 2) * image.width + Math.round(x * 2)) * 3;
      return [...image.data.subarray(i, i + 3)];
    };
    for (const p of [points[0]!, points[5]!, points.at(-1)!]) {
      expect(at(toPixel(layout.accuracy, layout.xMax, p.images, p.accuracy!))).toEqual([...CURVE_COLORS.accuracy]);
    }
    expect(at(toPixel(layout.loss, layout.xMax, points[5]!.images, points[5]!.loss!))).toEqual([...CURVE_COLORS.loss]);
    // Half-way up the accuracy panel at 10 images: nothing is drawn there but the background.
    expect(at([layout.accuracy.left + 40, layout.accuracy.top + layout.accuracy.height * 0.45])).toEqual([255, 255, 255]);
  });

  it('refuse a timeline without any metric, naming the manifest', () => {
    const bare = timeline.map((e) => ({ ...e, metrics: {} }));
    expect(() => curvePoints(bare, 'exports/bare.json')).toThrow(ReportError);
    expect(() => curvePoints(bare, 'exports/bare.json')).toThrow(/exports\/bare\.json: no timeline entry has metrics\.test_accuracy or metrics\.avg_training_loss/);
  });

  it('draw a timeline with only accuracy (no loss anywhere) and one with a non-finite loss left out', () => {
    const accuracyOnly = curvePoints(timeline.map((e) => ({ ...e, metrics: { testAccuracy: e.metrics.testAccuracy } })), 'a.json');
    const elements = parseXml(sceneToSvg(curvesScene(accuracyOnly, 'a.json')));
    expect(elements.filter((e) => e.attributes.class === 'loss')).toHaveLength(0);
    expect(elements.filter((e) => e.tag.endsWith('circle') && e.attributes.class === 'accuracy')).toHaveLength(35);
    const withNaN = curvePoints(timeline.map((e, i) => (i === 3 ? { ...e, metrics: { ...e.metrics, avgTrainingLoss: Number.NaN } } : e)), 'b.json');
    expect(withNaN.filter((p) => p.loss !== undefined)).toHaveLength(33);
  });

  it('use log10(1 + images) with decade ticks, so 0 images has a place and early snapshots spread out', () => {
    expect(logImages(0)).toBe(0);
    expect(logImages(999)).toBeCloseTo(3, 10);
    expect(imageTicks(3_000_000).map((t) => t.label)).toEqual(['0', '10', '100', '1k', '10k', '100k', '1M']);
    expect([shortCount(2_500_000), shortCount(3500), shortCount(50)]).toEqual(['2.5M', '3.5k', '50']);
    expect([niceCeiling(2.3046), niceCeiling(0.43), niceCeiling(0), niceCeiling(7.1)]).toEqual([2.5, 0.5, 1, 8]);
    // The first 13 snapshots (up to 40k images, 10% -> 94% accuracy) take over half of the width, not 1.3% of it.
    const layout = curvesLayout(points);
    const [x40k] = toPixel(layout.accuracy, layout.xMax, 40_000, 0);
    expect((x40k - layout.accuracy.left) / layout.accuracy.width).toBeGreaterThan(0.5);
  });
});
