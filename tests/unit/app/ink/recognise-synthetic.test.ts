import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadModel } from '../../../../main/model/load-model.js';
import { argmax, forward } from '../../../../app/model/forward.js';
import { strokesToInput } from '../../../../app/ink/strokes-to-input.js';
import { SYNTHETIC_DIGITS, transformStrokes } from '../../../support/synthetic-digits.js';

// The default model (the reference PyTorch export in exports/) must read
// digits drawn as strokes once app/ink has turned them into MNIST-style input.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

describe('drawn digits through app/ink and the default model', async () => {
  const model = await loadModel(path.join(root, 'exports/mlp_weights.json'));
  const weights = await model.loadSnapshot(model.defaultSnapshotId);
  const guess = (strokes: [number, number][][]) => argmax(forward(weights.layers, strokesToInput(strokes), model.network.normalization).probabilities);

  it('recognises every synthetic digit 0-9', () => {
    const guesses = Object.keys(SYNTHETIC_DIGITS).map((d) => guess(SYNTHETIC_DIGITS[Number(d)]!));
    expect(guesses).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('recognises them drawn small in a corner and large off-centre', () => {
    for (let d = 0; d <= 9; d++) {
      expect(guess(transformStrokes(SYNTHETIC_DIGITS[d]!, 0.15, 2, 3))).toBe(d);
      expect(guess(transformStrokes(SYNTHETIC_DIGITS[d]!, 9, 4000, -200))).toBe(d);
    }
  });
});
