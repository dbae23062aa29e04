import { describe, expect, it } from 'vitest';
import { createProgressReporter } from '../../../../main/train/progress-reporter.js';

const progress = { epoch: 1, epochs: 2, imagesSeen: 500, totalImages: 1000, batchesSeen: 4, samplesPerSecond: 250, backend: 'wasm' };

function streams(isTTY: boolean) {
  const err: string[] = [];
  const out: string[] = [];
  return { err, out, reporter: createProgressReporter({ isTTY, write: (t: string) => err.push(t) }, { write: (t: string) => out.push(t) }, 0) };
}

describe('progress reporter', () => {
  it('on a terminal: one bar redrawn in place, cleared around log lines and at the end', () => {
    const { err, out, reporter } = streams(true);
    reporter.onProgress(progress);
    expect(err.at(-1)).toBe('\repoch 1/2 [############............]  50.0%  250 samples/s  ETA 2s  wasm\x1b[K');
    reporter.log('Epoch 01 - ...');
    expect(out).toEqual(['Epoch 01 - ...\n']);
    expect(err.slice(-2)).toEqual(['\r\x1b[K', '\repoch 1/2 [############............]  50.0%  250 samples/s  ETA 2s  wasm\x1b[K']);
    reporter.done();
    expect(err.at(-1)).toBe('\r\x1b[K');
    expect(err.join('')).not.toContain('\n');
  });

  it('not a terminal: plain lines, no carriage returns or escape codes', () => {
    const { err, out, reporter } = streams(false);
    reporter.onProgress(progress);
    reporter.log('line');
    reporter.done();
    expect(err).toEqual(['epoch 1/2  50.0%  250 samples/s  ETA 2s  wasm\n']);
    expect(out).toEqual(['line\n']);
  });
});
