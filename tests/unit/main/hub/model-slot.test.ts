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

// Shaped like the exhibit's input and output (784 pixels in, 10 digits out),
// which the slot insists on. Each model's weights carry its own marker in the
// biases, so a test can tell whose weights it got.
function fakeModel(name: string, badSnapshots: string[] = [], [inDim, outDim] = [784, 10], marker = 0): LoadedModel {
  const layer = (): DenseLayer => ({ name: 'dense_0', activation: 'linear', inDim, outDim, weights: new Float32Array(inDim * outDim), biases: new Float32Array(outDim).fill(marker) });
  const entry = (id: string, order: number) => ({
    id, order, label: id, kind: 'k', targetImages: 0, imagesSeen: 0, batchesSeen: 0, datasetPasses: 0, description: '', metrics: {}, weightsPath: `${id}.json`,
  });
  return {
    kind: 'export',
    path: `/models/${name}.json`,
    name,
    network: { architecture: [inDim, outDim], layers: [layer()], normalization: { mean: 0, std: 1 } },
    timeline: [entry('a', 0), entry('b', 1), entry('broken', 2)],
    defaultSnapshotId: 'b',
    loadSnapshot: async (id): Promise<SnapshotWeights> => {
      if (badSnapshots.includes(id)) throw new ModelFormatError(`${id}.json`, 'layers[0].weights.data', 'contains NaN');
      return { layers: [layer()] };
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
  const models: Record<string, LoadedModel> = {
    '/good.json': fakeModel('good', ['broken'], undefined, 1),
    '/other.json': fakeModel('other', [], undefined, 2),
    '/small-input.json': fakeModel('small-input', [], [100, 10]),
    '/three-classes.json': fakeModel('three-classes', [], [784, 3]),
  };
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

  it("starts on the operator's snapshot when one is set, and refuses one the model does not have, naming those it has", async () => {
    const { deps, backends } = harness();
    const slot = await createModelSlot('/good.json', deps, 'a');
    expect(slot.current().snapshotId).toBe('a');
    await expect(createModelSlot('/good.json', deps, 'dataset_99x')).rejects.toMatchObject({
      code: 'unknown-snapshot',
      message: 'no snapshot "dataset_99x" in good; it has a, b, broken',
    });
    // Refused before any backend was made for it.
    expect(backends).toHaveLength(1);
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

describe('model slot: only models that fit the exhibit', () => {
  it('refuses to start on a model that does not read 784 pixels or answer 10 digits', async () => {
    const { deps, backends } = harness();
    await expect(createModelSlot('/small-input.json', deps)).rejects.toThrow(ModelFormatError);
    await expect(createModelSlot('/small-input.json', deps)).rejects.toThrow('/models/small-input.json: network.input_dim: is 100; the exhibit draws 28x28 = 784 pixels');
    await expect(createModelSlot('/three-classes.json', deps)).rejects.toThrow('/models/three-classes.json: network.output_dim: is 3; the exhibit recognises the 10 digits 0-9');
    // Refused before any backend was made for it.
    expect(backends).toHaveLength(0);
  });

  it('never replaces the model in use with one that does not fit', async () => {
    const { deps, backends } = harness();
    const slot = await createModelSlot('/good.json', deps);
    const before = slot.current();
    await expect(slot.switchModel('/small-input.json')).rejects.toMatchObject({ code: 'model-error', message: expect.stringContaining('network.input_dim: is 100') });
    await expect(slot.switchModel('/three-classes.json')).rejects.toMatchObject({ code: 'model-error', message: expect.stringContaining('network.output_dim: is 3') });
    expect(slot.current()).toBe(before);
    expect(backends).toHaveLength(1);
    expect((await slot.run(new Float32Array(784))).active).toBe(before);
  });
});

describe('model slot: snapshot weights', () => {
  const marker = (weights: { layers: readonly DenseLayer[] }): number => weights.layers[0]!.biases[0]!;

  it('keeps each model\'s snapshots apart, also when a switch waits behind a running pass', async () => {
    const { deps, backends } = harness();
    const slot = await createModelSlot('/good.json', deps);
    expect(marker(await slot.snapshotWeights('a'))).toBe(1);
    backends[0]!.hold();
    const running = slot.run(new Float32Array(784));
    const switched = slot.switchModel('/other.json');
    // The new model is loaded and its backend made; the swap waits for the pass.
    while (backends.length < 2) await new Promise((r) => setTimeout(r, 1));
    await new Promise((r) => setTimeout(r, 20));
    expect(slot.current().model.name).toBe('good');
    // Meanwhile a display asks for snapshots both models have: it still gets the model in use.
    expect(marker(await slot.snapshotWeights('a'))).toBe(1);
    expect(marker(await slot.snapshotWeights('b'))).toBe(1);
    backends[0]!.release();
    await Promise.all([running, switched]);
    expect(slot.current().model.name).toBe('other');
    // After the switch the same ids are the new model's, never the old one's cached under them.
    expect(marker(await slot.snapshotWeights('a'))).toBe(2);
    expect(marker(await slot.snapshotWeights('b'))).toBe(2);
    // A snapshot selected on the new model uses its cache too.
    expect((await slot.selectSnapshot('a')).snapshotId).toBe('a');
    expect(marker(await slot.snapshotWeights('a'))).toBe(2);
  });

  it('reads each snapshot once while cached (the loader itself does not cache)', async () => {
    const { deps } = harness();
    const reads: string[] = [];
    const model = fakeModel('counted', [], undefined, 3);
    const counted: LoadedModel = { ...model, loadSnapshot: (id) => (reads.push(id), model.loadSnapshot(id)) };
    const slot = await createModelSlot('/counted.json', { ...deps, loadModel: async () => counted });
    await Promise.all([slot.snapshotWeights('a'), slot.snapshotWeights('a'), slot.snapshotWeights('b')]);
    await slot.snapshotWeights('a');
    expect(reads).toEqual(['b', 'a']);
  });
});
