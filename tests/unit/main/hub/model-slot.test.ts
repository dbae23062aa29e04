import { describe, expect, it } from 'vitest';
import type { LoadedModel } from '../../../../app/model/loaded-model.js';
import { ModelFormatError } from '../../../../app/model/model-error.js';
import type { DenseLayer, SnapshotWeights } from '../../../../app/model/types.js';
import type { CreateBackend, InferenceBackend } from '../../../../main/inference/backend.js';
import { silentLog } from '../../../../main/hub/hub-log.js';
import { createModelSlot, type LoadModel } from '../../../../main/hub/model-slot.js';

// The slot with a fake model and a fake backend that records its life cycle,
// to check the rule "a model or snapshot that fails to load never replaces
// the one in use", and that no backend is disposed under a running pass.

function fakeModel(name: string, badSnapshots: string[] = []): LoadedModel {
  const layer: DenseLayer = { name: 'dense_0', activation: 'linear', inDim: 2, outDim: 2, weights: new Float32Array(4), biases: new Float32Array(2) };
  const entry = (id: string, order: number) => ({
    id, order, label: id, kind: 'k', targetImages: 0, imagesSeen: 0, batchesSeen: 0, datasetPasses: 0, description: '', metrics: {}, weightsPath: `${id}.json`,
  });
  return {
    kind: 'export',
    path: `/models/${name}.json`,
    name,
    network: { architecture: [2, 2], layers: [layer], normalization: { mean: 0, std: 1 } },
    timeline: [entry('a', 0), entry('b', 1), entry('broken', 2)],
    defaultSnapshotId: 'b',
    loadSnapshot: async (id): Promise<SnapshotWeights> => {
      if (badSnapshots.includes(id)) throw new ModelFormatError(`${id}.json`, 'layers[0].weights.data', 'contains NaN');
      return { layers: [layer] };
    },
  };
}

interface HeldBackend extends InferenceBackend {
  /** Makes run() wait until release(). */
  hold(): void;
  release(): void;
}

function harness() {
  const events: string[] = [];
  const backends: HeldBackend[] = [];
  const createBackend: CreateBackend = async () => {
    const name = `backend-${backends.length + 1}`;
    let gate: Promise<void> | undefined;
    let open: () => void = () => {};
    const backend: HeldBackend = {
      name,
      hold: () => void (gate = new Promise<void>((r) => (open = r))),
      release: () => open(),
      run: async () => {
        events.push(`${name} run start`);
        await gate;
        events.push(`${name} run end`);
        return { activations: [new Float32Array(2)], logits: new Float32Array(2), probabilities: new Float32Array([0.5, 0.5]) };
      },
      logitsBatch: async () => new Float32Array(0),
      dispose: async () => void events.push(`${name} disposed`),
    };
    backends.push(backend);
    return backend;
  };
  const models: Record<string, LoadedModel> = { '/good.json': fakeModel('good', ['broken']), '/other.json': fakeModel('other') };
  const loadModel: LoadModel = async (file) => {
    const model = models[file];
    if (!model) throw new ModelFormatError(file, 'version', 'must be 2');
    return model;
  };
  return { events, backends, deps: { loadModel, createBackend, preference: 'auto' as const, log: silentLog } };
}

describe('model slot', () => {
  it('starts on the default snapshot, or rejects when the first model cannot load', async () => {
    const { deps } = harness();
    const slot = await createModelSlot('/good.json', deps);
    expect(slot.current().snapshotId).toBe('b');
    expect(slot.current().info.timeline.map((t) => t.id)).toEqual(['a', 'b', 'broken']);
    await expect(createModelSlot('/missing.json', deps)).rejects.toThrow(ModelFormatError);
  });

  it('keeps the model in use when another one fails to load', async () => {
    const { deps } = harness();
    const slot = await createModelSlot('/good.json', deps);
    const before = slot.current();
    await expect(slot.switchModel('/bad.json')).rejects.toMatchObject({ code: 'model-error', message: '/bad.json: version: must be 2' });
    expect(slot.current()).toBe(before);
    const after = await slot.switchModel('/other.json');
    expect(after.model.name).toBe('other');
    expect(after.info.id).not.toBe(before.info.id);
  });

  it('keeps the snapshot in use when another one fails to load or does not exist', async () => {
    const { deps } = harness();
    const slot = await createModelSlot('/good.json', deps);
    const before = slot.current();
    await expect(slot.selectSnapshot('broken')).rejects.toMatchObject({ code: 'model-error' });
    await expect(slot.selectSnapshot('zzz')).rejects.toMatchObject({ code: 'unknown-snapshot' });
    expect(slot.current()).toBe(before);
    expect((await slot.selectSnapshot('a')).snapshotId).toBe('a');
  });

  it('disposes the old backend only after the pass running on it has finished', async () => {
    const { deps, events, backends } = harness();
    const slot = await createModelSlot('/good.json', deps);
    backends[0]!.hold();
    const running = slot.run(new Float32Array(2));
    const switched = slot.selectSnapshot('a');
    await new Promise((r) => setTimeout(r, 20));
    expect(events).toEqual(['backend-1 run start']);
    backends[0]!.release();
    await Promise.all([running, switched]);
    expect(events).toEqual(['backend-1 run start', 'backend-1 run end', 'backend-1 disposed']);
    const { active } = await slot.run(new Float32Array(2));
    expect(active.backend.name).toBe('backend-2');
  });
});
