import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../../app/random/seeded-random.js';
import { etaSeconds, formatDuration, formatProgress, type TrainProgress } from '../../../../app/train/progress-format.js';
import { repeatStats } from '../../../../app/train/repeat-stats.js';
import { runConfigJson } from '../../../../app/train/run-config.js';
import { shuffledIndices } from '../../../../app/train/seeded-shuffle.js';
import { capturedLine, epochLine } from '../../../../app/train/train-log.js';

describe('shuffledIndices', () => {
  it('is a permutation, the same for the same generator state, different for another', () => {
    const a = shuffledIndices(1000, new SeededRandom(5));
    expect([...a].sort((x, y) => x - y)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(Array.from(shuffledIndices(1000, new SeededRandom(5)))).toEqual(Array.from(a));
    expect(Array.from(shuffledIndices(1000, new SeededRandom(6)))).not.toEqual(Array.from(a));
    expect(Array.from(a.slice(0, 10))).not.toEqual(Array.from({ length: 10 }, (_, i) => i));
    expect(Array.from(shuffledIndices(1, new SeededRandom(1)))).toEqual([0]);
  });
});

describe('progress line', () => {
  const p: TrainProgress = { epoch: 3, epochs: 50, imagesSeen: 150_000, totalImages: 3_000_000, batchesSeen: 1172, samplesPerSecond: 12_345.6, backend: 'wasm' };
  it('shows epoch, percent, samples/s, ETA and backend', () => {
    expect(formatProgress(p)).toBe('epoch 3/50   5.0%  12,346 samples/s  ETA 3m51s  wasm');
    expect(formatProgress(p, 10)).toBe('epoch 3/50 [#.........]   5.0%  12,346 samples/s  ETA 3m51s  wasm');
  });
  it('ETA from the remaining images at the current speed; unknown before any speed', () => {
    expect(etaSeconds(p)).toBeCloseTo(2_850_000 / 12_345.6, 6);
    expect(etaSeconds({ ...p, samplesPerSecond: 0 })).toBeUndefined();
    expect(formatProgress({ ...p, samplesPerSecond: 0 })).toContain('ETA --');
  });
  it('durations', () => {
    expect([0, 59.4, 75, 3599, 3725, 90_000].map(formatDuration)).toEqual(['0s', '59s', '1m15s', '59m59s', '1h02m', '25h00m']);
    expect(formatDuration(undefined)).toBe('--');
  });
});

describe('repeatStats', () => {
  it('mean and sample standard deviation', () => {
    const s = repeatStats([0.97, 0.98, 0.99]);
    expect(s.mean).toBeCloseTo(0.98, 12);
    expect(s.std).toBeCloseTo(0.01, 12);
    expect([s.n, s.min, s.max]).toEqual([3, 0.97, 0.99]);
    expect(repeatStats([0.5]).std).toBe(0);
    expect(() => repeatStats([])).toThrow(/at least one run/);
  });
});

describe('train.log lines', () => {
  it('match the reference trainer\'s lines (from its train.log)', () => {
    expect(capturedLine('\u224850 images', 128, 1, 0.2662)).toBe("[Timeline] Captured '\u224850 images' at 128 images (1 batches) \u2013 accuracy: 26.62%");
    expect(capturedLine('1\u00d7 dataset', 60_000, 469, 0.9508)).toBe("[Timeline] Captured '1\u00d7 dataset' at 60,000 images (469 batches) \u2013 accuracy: 95.08%");
    expect(epochLine(1, 0.3255410642147064, 0.9508, 60_000)).toBe('Epoch 01 - avg loss: 0.3255 - test accuracy: 95.08% - images seen: 60,000');
  });
});

describe('run config', () => {
  it('goes under one extra manifest key', () => {
    const json = runConfigJson({
      options: { epochs: 2, hiddenDims: [128, 64], batchSize: 128, lr: 0.001, seed: 4, trainLimit: 2000 },
      backend: 'wasm',
      tfjsVersion: '4.22.0',
      trainImages: 2000,
      testImages: 10_000,
      durationSeconds: 12.34567,
      resumed: false,
    });
    expect(Object.keys(json)).toEqual(['training']);
    expect(json.training).toMatchObject({ epochs: 2, hidden_dims: [128, 64], seed: 4, train_limit: 2000, test_limit: null, backend: 'wasm', tfjs_version: '4.22.0', duration_s: 12.346 });
  });
});

describe('train.log against the reference\'s own log', () => {
  it('every [Timeline] line of the reference train.log is rebuilt from its manifest entry', async () => {
    const { readFileSync } = await import('node:fs');
    const { REFERENCE_MANIFEST } = await import('../../../helpers/fixtures.js');
    const log = readFileSync(REFERENCE_MANIFEST.replace(/mlp_weights\.json$/, 'train.log'), 'utf8').split('\n');
    const timeline = (JSON.parse(readFileSync(REFERENCE_MANIFEST, 'utf8')) as { timeline: { label: string; images_seen: number; batches_seen: number; metrics: { test_accuracy: number } }[] }).timeline;
    const ours = timeline.map((e) => capturedLine(e.label, e.images_seen, e.batches_seen, e.metrics.test_accuracy));
    expect(ours).toEqual(log.filter((l) => l.startsWith('[Timeline]')));
  });
});
