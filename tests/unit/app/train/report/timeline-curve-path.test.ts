import { describe, expect, it } from 'vitest';
import { modelInfoSchema } from '../../../../../app/contract/model-info.js';
import { curvePolylinePoints, valueAtPosition } from '../../../../../app/train/report/timeline-curve-path.js';

describe('the display timeline\'s curve', () => {
  it('places one point per snapshot above its tick (evenly by index), value 0 at the bottom and max at the top', () => {
    expect(curvePolylinePoints([0.1, 0.5, 1], 1, 1000, 100)).toBe('0,90 500,50 1000,0');
    // Loss: scaled to its own maximum; the initial snapshot has none and is left out, keeping the others' places.
    expect(curvePolylinePoints([null, 2, 1, 0.5], 2, 300, 100)).toBe('100,0 200,50 300,75');
    expect(curvePolylinePoints([undefined, Number.NaN], 1, 100, 100)).toBe('');
    expect(curvePolylinePoints([0.5, 0.7], 0, 100, 100)).toBe('');
    // Out-of-range values stay inside the strip.
    expect(curvePolylinePoints([-0.2, 1.3], 1, 100, 10)).toBe('0,10 100,0');
  });

  it('interpolates between snapshots for the marker, and gives nothing where a snapshot lacks the value', () => {
    const values = [0.1, 0.3, null, 0.9];
    expect(valueAtPosition(values, 0)).toBe(0.1);
    expect(valueAtPosition(values, 0.5)).toBeCloseTo(0.2, 10);
    expect(valueAtPosition(values, 1)).toBe(0.3);
    expect(valueAtPosition(values, 1.5)).toBeUndefined();
    expect(valueAtPosition(values, 3)).toBe(0.9);
    expect(valueAtPosition(values, 7)).toBe(0.9);
    expect(valueAtPosition(values, -1)).toBe(0.1);
    expect(valueAtPosition([], 0)).toBeUndefined();
  });

  it('gets each snapshot\'s loss through the contract, optional so that older hubs and ONNX models still validate', () => {
    const base = { id: 'm', name: 'm', kind: 'export', defaultSnapshotId: 's', network: { architecture: [2, 1], layers: [{ name: 'd', activation: 'linear', inDim: 2, outDim: 1 }], normalization: { mean: 0, std: 1 } } };
    const entry = { id: 's', order: 0, label: 's', kind: 'final', imagesSeen: 0, datasetPasses: 0, accuracy: 0.5 };
    expect(modelInfoSchema.parse({ ...base, timeline: [{ ...entry, loss: 0.3 }] }).timeline[0]!.loss).toBe(0.3);
    expect(modelInfoSchema.parse({ ...base, timeline: [{ ...entry, loss: null }] }).timeline[0]!.loss).toBeNull();
    expect(modelInfoSchema.parse({ ...base, timeline: [entry] }).timeline[0]!.loss).toBeUndefined();
    expect(modelInfoSchema.safeParse({ ...base, timeline: [{ ...entry, loss: 'high' }] }).success).toBe(false);
  });
});
