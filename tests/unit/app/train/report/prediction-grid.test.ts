import { describe, expect, it } from 'vitest';
import { GLYPH_ADVANCE, glyphRows, glyphScale, textWidth } from '../../../../../app/train/report/bitmap-font.js';
import { GRID, GRID_COLORS, predictionGridScene, tileImageOrigin, type PredictedDigit } from '../../../../../app/train/report/prediction-grid-scene.js';
import { rasterize } from '../../../../../app/train/report/rasterize.js';
import { escapeXml, sceneToSvg } from '../../../../../app/train/report/scene-svg.js';
import { parseXml } from '../../../../helpers/parse-xml.js';

/** A digit-sized picture: a bright bar in column 10..13, rows 4..23 (a "1"). */
function bar(): Uint8Array {
  const p = new Uint8Array(784);
  for (let r = 4; r < 24; r++) for (let c = 10; c < 14; c++) p[r * 28 + c] = 255;
  return p;
}

const digits: PredictedDigit[] = Array.from({ length: 23 }, (_, i) => ({ index: i, pixels: bar(), label: 1, predicted: i % 7 === 3 ? 7 : 1 }));

describe('prediction grid scene', () => {
  it('lays digits out ten to a row; a mistake gets a red frame and names the true digit', () => {
    const scene = predictionGridScene(digits, { title: 'Test predictions', subtitle: '3 wrong <of> 23 & more' });
    expect(scene.width).toBe(GRID.margin * 2 + 10 * GRID.tileWidth);
    expect(scene.height).toBe(GRID.header + 3 * GRID.tileHeight + GRID.margin - 8);
    const svg = sceneToSvg(scene, (cols, rows) => `data:image/png;base64,${cols}x${rows}`);
    const elements = parseXml(svg);
    const captions = elements.filter((e) => e.tag.endsWith('text')).slice(2);
    expect(captions.map((c) => c.text)).toEqual(digits.map((d) => (d.predicted === d.label ? '1' : '7 (true 1)')));
    expect(elements.filter((e) => e.tag.endsWith('image'))).toHaveLength(23);
    const frames = elements.filter((e) => e.tag.endsWith('rect') && e.attributes.stroke === '#d62728');
    expect(frames).toHaveLength(digits.filter((d) => d.predicted !== d.label).length);
    // Escaped, and read back intact.
    expect(elements.find((e) => e.text === '3 wrong <of> 23 & more')).toBeDefined();
    expect(escapeXml(`<a href="x">&'`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;');
  });

  it('paints MNIST ink white on black, hard-edged, and the mistake frame red', () => {
    const scene = predictionGridScene(digits, { title: 't', subtitle: 's' });
    const image = rasterize(scene, 2);
    const px = (x: number, y: number) => {
      const i = (Math.round(y) * image.width + Math.round(x)) * 3;
      return [...image.data.subarray(i, i + 3)];
    };
    const [x, y] = tileImageOrigin(0);
    const cell = (GRID.image * 2) / 28;
    expect(px(x * 2 + 11.5 * cell, y * 2 + 10.5 * cell)).toEqual([255, 255, 255]); // on the bar
    expect(px(x * 2 + 3.5 * cell, y * 2 + 10.5 * cell)).toEqual([0, 0, 0]); // background of the digit
    const [mx, my] = tileImageOrigin(3); // digit 3 is a mistake
    expect(px(mx * 2, (my + GRID.image / 2) * 2)).toEqual([...GRID_COLORS.mistake]);
    const [cx, cy] = tileImageOrigin(2);
    expect(px(cx * 2, (cy + GRID.image / 2) * 2)).toEqual([...GRID_COLORS.frame]);
  });
});

describe('bitmap font', () => {
  it('has 7 rows of 5 columns per glyph, a box for characters it lacks, and widths that grow with the size', () => {
    for (const ch of '0123456789abcxyzABCXYZ%.,:-()') {
      const rows = glyphRows(ch);
      expect(rows).toHaveLength(7);
      expect(rows.some((r) => r !== 0)).toBe(true);
      expect(rows.every((r) => r >= 0 && r < 32)).toBe(true);
    }
    expect(glyphRows(' ').every((r) => r === 0)).toBe(true);
    expect(glyphRows('€')).toEqual([31, 17, 17, 17, 17, 17, 31]);
    // Digits must differ from one another (a mistake's caption is a digit).
    const digitsAsText = [...'0123456789'].map((d) => glyphRows(d).join(','));
    expect(new Set(digitsAsText).size).toBe(10);
    expect(glyphScale(28)).toBe(3);
    expect(textWidth('100%', 28)).toBe((4 * GLYPH_ADVANCE - 1) * 3);
    expect(textWidth('', 28)).toBe(0);
  });

  it('draws text where the anchor says: start, middle and end on the same point', () => {
    const scene = (anchor: 'start' | 'middle' | 'end') =>
      rasterize({ width: 100, height: 20, background: [255, 255, 255], title: 't', items: [{ kind: 'text', x: 50, y: 15, text: 'II', size: 9, color: [0, 0, 0], anchor }] }, 1);
    const inkColumns = (anchor: 'start' | 'middle' | 'end') => {
      const img = scene(anchor);
      const cols: number[] = [];
      for (let x = 0; x < img.width; x++) for (let y = 0; y < img.height; y++) if (img.data[(y * img.width + x) * 3] === 0) {
        cols.push(x);
        break;
      }
      return [Math.min(...cols), Math.max(...cols)];
    };
    // "II" is 11 font pixels wide (two 5-pixel glyphs, one apart) at scale 1; an I's ink is its middle 3 columns.
    expect(inkColumns('start')).toEqual([51, 59]); // box 50..60
    expect(inkColumns('end')).toEqual([40, 48]); // box 39..49
    expect(inkColumns('middle')).toEqual([46, 54]); // box 45..55: 50 - 5.5 rounds to 45
  });
});
