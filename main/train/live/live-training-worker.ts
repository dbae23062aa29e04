// The live-training worker thread: trains a fresh MLP on MNIST and posts its
// weights to the hub a few times a second (live-training-controller.ts starts
// and stops it). Built as its own bundle, dist/main/live-training-worker.js.
import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { loadMnist, type MnistSplit } from '../../mnist/load-mnist.js';
import { MNIST_NORMALIZATION } from '../mnist-batches.js';
import { selectBackend, type SelectedBackend } from '../tf-backend.js';
import { trainMlp, type ImageSet } from '../train-mlp.js';
import type { ControllerToWorker, LiveProgress, LiveRunConfig, WorkerToController } from './live-worker-messages.js';
import { packLiveWeights } from './pack-live-weights.js';

const port = parentPort;
if (!port) throw new Error('live-training-worker.ts runs only as a worker thread');
const config = workerData as LiveRunConfig;
const post = (message: WorkerToController, transfer: ArrayBuffer[] = []): void => port.postMessage(message, transfer);

const stop = new AbortController();
port.on('message', (message: ControllerToWorker) => {
  if (message.kind === 'stop') stop.abort();
});

/** wasm first (fast, one thread, leaves the hub its core), cpu when wasm cannot start. */
async function backend(): Promise<SelectedBackend> {
  try {
    return await selectBackend('wasm');
  } catch {
    return selectBackend('cpu');
  }
}

function limited(split: MnistSplit, n: number | undefined): ImageSet {
  const count = Math.min(split.labels.length, n ?? split.labels.length);
  return { pixels: split.images.pixels.subarray(0, count * 784), labels: split.labels.subarray(0, count) };
}

/**
 * On Linux a nice value belongs to a thread: this one steps back so that the
 * hub's thread (pens, frames) wins every contest for a core. Elsewhere
 * setpriority would lower the whole process, the hub included, so not there.
 */
function yieldCpuToHub(): void {
  if (process.platform !== 'linux') return;
  try {
    os.setPriority(os.constants.priority.PRIORITY_LOW);
  } catch {
    // Not allowed here (a container's policy): the run just competes as equals.
  }
}

async function main(): Promise<void> {
  yieldCpuToHub();
  const selected = await backend();
  const [trainSplit, testSplit] = await Promise.all([loadMnist('train', config.mnistDir), loadMnist('test', config.mnistDir)]);
  const train = limited(trainSplit, config.trainLimit);
  const test = limited(testSplit, config.testLimit);
  const totalImages = train.labels.length * config.epochs;
  post({ kind: 'started', info: { backend: selected.name, trainImages: train.labels.length, testImages: test.labels.length, totalImages, normalization: MNIST_NORMALIZATION } });

  let testAccuracy: number | null = null;
  let lossSum = 0;
  let lossBatches = 0;
  let lastPost = -Infinity;
  let latest: LiveProgress | undefined;
  const result = await trainMlp(
    { hiddenDims: config.hiddenDims, epochs: config.epochs, batchSize: config.batchSize, lr: config.lr, seed: config.seed, train, test, backend: selected.name },
    {
      signal: stop.signal,
      onSnapshot: (snapshot) => {
        testAccuracy = snapshot.entry.metrics.testAccuracy ?? testAccuracy;
        // The random network, before any batch: the visitor's starting point.
        if (snapshot.index === 0) publish(packLiveWeights(snapshot.weights), { epoch: 1, epochs: config.epochs, imagesSeen: 0, totalImages, batches: 0, loss: Number.NaN, testAccuracy, samplesPerSecond: 0 });
      },
      onBatch: async ({ progress, loss, weights }) => {
        lossSum += loss;
        lossBatches++;
        latest = {
          epoch: progress.epoch,
          epochs: progress.epochs,
          imagesSeen: progress.imagesSeen,
          totalImages: progress.totalImages,
          batches: progress.batchesSeen,
          loss: lossSum / lossBatches,
          testAccuracy,
          samplesPerSecond: progress.samplesPerSecond,
        };
        const last = progress.imagesSeen >= progress.totalImages;
        if (last || performance.now() - lastPost >= config.publishEveryMs) {
          publish(packLiveWeights(weights()), latest);
          lossSum = 0;
          lossBatches = 0;
        }
        if (config.batchPauseMs > 0) await new Promise((resolve) => setTimeout(resolve, config.batchPauseMs));
      },
    },
  );
  // The final accuracy (the last milestone's) rides on the done message.
  post({ kind: 'done', status: result.status === 'completed' ? 'completed' : 'stopped', progress: latest && { ...latest, testAccuracy } });

  function publish(packed: Float32Array, progress: LiveProgress): void {
    lastPost = performance.now();
    post({ kind: 'update', progress, packed }, [packed.buffer as ArrayBuffer]);
  }
}

main().then(
  () => port.close(),
  (error: unknown) => {
    post({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    port.close();
  },
);
