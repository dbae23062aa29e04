import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { modelResponseSchema } from '../../../../app/contract/model-info.js';
import { ModelFormatError } from '../../../../app/model/model-error.js';
import { buildExport } from '../../../../app/model/write-export.js';
import type { Activation } from '../../../../app/model/types.js';
import { defaultHubDeps } from '../../../../main/hub/hub-deps.js';
import type { LogFields } from '../../../../main/hub/hub-log.js';
import { silentLog } from '../../../../main/hub/hub-log.js';
import { startHub } from '../../../../main/hub/start-hub.js';
import { createJsBackend } from '../../../../main/inference/js-backend.js';
import { randomLayers } from '../../../helpers/random-layers.js';
import { connectClient, socketOf } from './hub-test-client.js';

// The hub with models made for the test: only those that fit the exhibit (784
// pixels in, 10 digits out) start it or replace the one in use; and the
// operator learns why a better inference backend was skipped.
const work = mkdtempSync(path.join(os.tmpdir(), 'hub-models-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A one-snapshot export of a random MLP with these layer sizes; returns the manifest path. */
function writeModel(name: string, sizes: number[]): string {
  const activations: Activation[] = sizes.slice(1).map((_, i) => (i === sizes.length - 2 ? 'linear' : 'relu'));
  const layers = randomLayers(sizes, activations, sizes.length);
  const entry = { id: 'dataset_50x', label: 'final', kind: 'final', targetImages: 0, imagesSeen: 0, batchesSeen: 0, datasetPasses: 50, description: '', metrics: {} };
  const files = buildExport({
    network: { architecture: sizes, layers, normalization: { mean: 0.1307, std: 0.3081 } },
    snapshots: [{ entry, weights: { layers } }],
    manifestName: `${name}.json`,
  });
  const dir = path.join(work, name);
  mkdirSync(path.join(dir, name), { recursive: true });
  writeFileSync(path.join(dir, `${name}.json`), files.manifest);
  for (const f of files.files) writeFileSync(path.join(dir, f.path), f.text);
  return path.join(dir, `${name}.json`);
}

const small = writeModel('small-input', [100, 10]);
const three = writeModel('three-classes', [784, 16, 3]);
const fits = writeModel('fits', [784, 16, 10]);

async function apiModel(displayUrl: string): Promise<ReturnType<typeof modelResponseSchema.parse>> {
  const { secret } = socketOf(displayUrl);
  const res = await fetch(new URL('/api/model', displayUrl), { headers: { Authorization: `Bearer ${secret}` } });
  return modelResponseSchema.parse(await res.json());
}

describe('hub: only models that fit the exhibit', () => {
  it('does not start on a 100->10 or a 784->3 model, with one line naming the field', async () => {
    const a = startHub({ port: 0, log: silentLog, modelPath: small });
    await expect(a).rejects.toThrow(ModelFormatError);
    await expect(a).rejects.toThrow(`${small}: network.input_dim: is 100; the exhibit draws 28x28 = 784 pixels`);
    const b = startHub({ port: 0, log: silentLog, modelPath: three });
    await expect(b).rejects.toThrow(`${three}: network.output_dim: is 3; the exhibit recognises the 10 digits 0-9`);
    for (const failed of [a, b]) expect((await failed.catch((e: Error) => e.message)) as string).not.toContain('\n');
  });

  it('never replaces the model in use with one that does not fit', async () => {
    const hub = await startHub({ port: 0, log: silentLog, modelPath: fits });
    try {
      const { wsUrl, secret } = socketOf(hub.displayUrl);
      const display = await connectClient(wsUrl);
      display.send({ type: 'hello', role: 'display', protocol: 1, secret });
      const welcome = await display.next('welcome');
      await expect(hub.switchModel(small)).rejects.toThrow(/small-input\.json: network\.input_dim: is 100/);
      await expect(hub.switchModel(three)).rejects.toThrow(/three-classes\.json: network\.output_dim: is 3/);
      // Still the same model (same id: no reload happened), and no welcome for another one was sent.
      const after = await apiModel(hub.displayUrl);
      expect(after.model.id).toBe(welcome.model.id);
      expect(after.model.network.architecture).toEqual([784, 16, 10]);
      await expect(display.next('welcome', 300)).rejects.toThrow(/no "welcome"/);
      // A model that fits does replace it, and displays are told.
      await hub.switchModel(fits);
      const next = await display.next('welcome');
      expect(next.model.id).not.toBe(welcome.model.id);
      display.close();
    } finally {
      await hub.close();
    }
  });
});

describe('hub: why a better backend was skipped', () => {
  it('logs the notes when the model loads and reports them next to the backend name', async () => {
    const notes = ['cuda: provider library not installed (test stand-in)'];
    const infos: { message: string; fields?: LogFields }[] = [];
    const log = { ...silentLog, info: (message: string, fields?: LogFields) => void infos.push({ message, fields }) };
    // A stand-in backend that says what onnxruntime says on a PC without the CUDA library.
    const deps = { ...defaultHubDeps, createBackend: async (...[weights, normalization]: Parameters<typeof createJsBackend>) => ({ ...createJsBackend(weights, normalization), name: 'stand-in (cpu)', providerNotes: notes }) };
    const hub = await startHub({ port: 0, log, modelPath: fits, deps });
    try {
      expect(infos.find((l) => l.message === 'model loaded')?.fields).toMatchObject({ backend: 'stand-in (cpu)', backendNotes: notes });
      expect(hub.backendName).toBe('stand-in (cpu)');
      expect(hub.backendNotes).toEqual(notes);
      const { wsUrl, secret } = socketOf(hub.displayUrl);
      const display = await connectClient(wsUrl);
      display.send({ type: 'hello', role: 'display', protocol: 1, secret });
      expect(await display.next('welcome')).toMatchObject({ backend: 'stand-in (cpu)', backendNotes: notes });
      display.send({ type: 'select-snapshot', snapshotId: 'dataset_50x' });
      expect(await display.next('snapshot')).toMatchObject({ backend: 'stand-in (cpu)', backendNotes: notes });
      expect(await apiModel(hub.displayUrl)).toMatchObject({ backend: 'stand-in (cpu)', backendNotes: notes });
      display.close();
    } finally {
      await hub.close();
    }
  });
});
