import { describe, expect, it } from 'vitest';
import { parseHubMessage } from '../../../../app/contract/parse-hub-message.js';
import { weightsLayout } from '../../../../app/contract/snapshot-weights-layout.js';
import { hubError } from '../../../../app/contract/hub-error.js';

const frame = {
  type: 'frame',
  seq: 3,
  inkId: 12,
  empty: false,
  modelId: 'mlp_weights-1',
  snapshotId: 'dataset_50x',
  backend: 'js',
  inferenceMs: 0.2,
  input: new Array(784).fill(0),
  activations: [new Array(128).fill(0), new Array(64).fill(0), new Array(10).fill(0.1)],
  probabilities: new Array(10).fill(0.1),
};

describe('hub -> display messages', () => {
  it('parses a frame, a pong and an error', () => {
    expect(parseHubMessage(JSON.stringify(frame))).toEqual({ ok: true, message: frame });
    expect(parseHubMessage('{"type":"pong","hubTime":1}').ok).toBe(true);
    expect(parseHubMessage(JSON.stringify(hubError('unauthorized', 'wrong secret'))).ok).toBe(true);
  });

  it('reports a frame from another protocol version as one clear reason', () => {
    const result = parseHubMessage(JSON.stringify({ ...frame, probabilities: 'all of them' }));
    expect(result).toEqual({ ok: false, reason: 'probabilities: Invalid input: expected array, received string' });
    expect(parseHubMessage('{').ok).toBe(false);
    expect(parseHubMessage('{"type":"error","code":"meltdown","message":""}').ok).toBe(false);
  });

  it('carries why better backends were skipped with the backend name, and accepts messages without', () => {
    const model = {
      id: 'm-1', name: 'm.json', kind: 'export', defaultSnapshotId: 's',
      network: { architecture: [784, 10], layers: [{ name: 'dense_0', activation: 'linear', inDim: 784, outDim: 10 }], normalization: { mean: 0, std: 1 } },
      timeline: [{ id: 's', order: 0, label: 's', kind: 'final', imagesSeen: 0, datasetPasses: 0, accuracy: null }],
    };
    const welcome = { type: 'welcome', protocol: 1, role: 'display', model, snapshotId: 's', backend: 'onnxruntime-node (cpu)', backendNotes: ['cuda: provider library not installed'], language: 'en' };
    expect(parseHubMessage(JSON.stringify(welcome))).toEqual({ ok: true, message: welcome });
    const { backendNotes: _, ...without } = welcome;
    expect(parseHubMessage(JSON.stringify(without)).ok).toBe(true);
    const snapshot = { type: 'snapshot', modelId: 'm-1', snapshotId: 's', backend: 'js', backendNotes: ['onnxruntime-node unavailable: no binding'] };
    expect(parseHubMessage(JSON.stringify(snapshot))).toEqual({ ok: true, message: snapshot });
    expect(parseHubMessage(JSON.stringify({ ...snapshot, backendNotes: 'cuda' })).ok).toBe(false);
  });

  it('truncates long error messages', () => {
    expect(hubError('internal', 'x'.repeat(10_000)).message).toHaveLength(500);
  });
});

describe('weightsLayout', () => {
  it('places each layer\'s weights then biases back to back', () => {
    const layout = weightsLayout([
      { inDim: 784, outDim: 128 },
      { inDim: 128, outDim: 64 },
      { inDim: 64, outDim: 10 },
    ]);
    expect(layout.length).toBe(109_386);
    expect(layout.layers[1]).toEqual({ weightsOffset: 100_480, weightsLength: 8_192, biasesOffset: 108_672, biasesLength: 64 });
  });
});
