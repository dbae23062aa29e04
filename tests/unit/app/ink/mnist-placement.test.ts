import { beforeAll, describe, expect, it } from 'vitest';
import { strokesToInput } from '../../../../app/ink/strokes-to-input.js';
import { argmax, forward } from '../../../../app/model/forward.js';
import type { LoadedModel } from '../../../../app/model/loaded-model.js';
import type { SnapshotWeights } from '../../../../app/model/types.js';
import { loadMnist, type MnistSplit } from '../../../../main/mnist/load-mnist.js';
import { loadModel } from '../../../../main/model/load-model.js';
import { REFERENCE_MANIFEST } from '../../../helpers/fixtures.js';

type Pt = [number, number];

/**
 * Real MNIST test digits traced as ink: every strongly inked pixel becomes a
 * pen dot at its centre. Moving and rescaling those points is a visitor
 * drawing the same digit somewhere else on the pad, at another size, in
 * other units; the pen path must hand the network the same input.
 */
function traced(test: MnistSplit, index: number, scale: number, dx: number, dy: number): Pt[][] {
  const strokes: Pt[][] = [];
  for (let y = 0; y < 28; y++) {
    for (let x = 0; x < 28; x++) {
      if ((test.images.pixels[index * 784 + y * 28 + x] as number) >= 200) strokes.push([[x * scale + dx, y * scale + dy]]);
    }
  }
  return strokes;
}

const N = 400;
let test: MnistSplit;
let model: LoadedModel;
let weights: SnapshotWeights;

beforeAll(async () => {
  test = await loadMnist('test');
  model = await loadModel(REFERENCE_MANIFEST);
  weights = await model.loadSnapshot(model.defaultSnapshotId);
});

function predictions(scale: number, dx: number, dy: number): number[] {
  return Array.from({ length: N }, (_, i) => argmax(forward(weights.layers, strokesToInput(traced(test, i, scale, dx, dy)), model.network.normalization).logits));
}

describe('MNIST test digits drawn anywhere on the pad', () => {
  it('are recognised the same wherever, however large and in whatever units they are drawn', () => {
    const centred = predictions(1, 0, 0);
    const accuracy = centred.filter((p, i) => p === test.labels[i]).length / N;
    expect(accuracy).toBeGreaterThanOrEqual(0.93);
    for (const [scale, dx, dy] of [
      [0.15, 2, 3], // small, in the top-left corner of the pad
      [12, 900, 40], // large, off to the right
      [0.0021, -0.7, 0.3], // tablet units, negative coordinates
    ] as const) {
      const moved = predictions(scale, dx, dy);
      const differing = moved.filter((p, i) => p !== centred[i]).length;
      expect(differing, `scale ${scale}`).toBe(0);
    }
  });
});
