import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultKioskSettings } from '../../../../app/contract/kiosk-settings.js';
import { operatorStateSchema, type OperatorState } from '../../../../app/contract/operator-state.js';
import { silentLog } from '../../../../main/hub/hub-log.js';
import { startHub, type RunningHub } from '../../../../main/hub/start-hub.js';
import { hashOperatorPin } from '../../../../main/settings/operator-pin.js';
import { createMemorySettingsStore, type SettingsStore } from '../../../../main/settings/settings-store.js';
import { FIXTURES, REFERENCE_MANIFEST } from '../../../helpers/fixtures.js';
import { call, post } from './operator-test-client.js';

// Model uploads from the operator page, through the real hub over HTTP: the
// same multipart body a browser's file input sends (built by Node's own
// FormData), written to <stateDir>/models/, proven with the real loader, and
// only then switched to. A refused file leaves the model in use and no folder.

const PIN = '2468';
let hub: RunningHub;
let settings: SettingsStore;
let stateDir: string;
let token: string;

beforeAll(async () => {
  stateDir = await mkdtemp(path.join(os.tmpdir(), 'operator-upload-'));
  // What a power cut in the middle of an earlier upload leaves behind: removed at start.
  await mkdir(path.join(stateDir, 'models', '.upload-stale'), { recursive: true });
  await writeFile(path.join(stateDir, 'models', '.upload-stale', 'half.onnx'), 'half written');
  settings = createMemorySettingsStore({ ...defaultKioskSettings(), operatorPin: await hashOperatorPin(PIN) });
  hub = await startHub({ port: 0, log: silentLog, modelPath: REFERENCE_MANIFEST, stateDir, services: { settings } });
  token = (await post('127.0.0.1', hub.port, 'login', { pin: PIN })).json().token as string;
});
afterAll(async () => {
  await hub?.close();
  if (stateDir) await rm(stateDir, { recursive: true, force: true });
});

async function upload(files: { name: string; bytes: Uint8Array | string }[]): Promise<{ status: number; body: Record<string, unknown> }> {
  const form = new FormData();
  for (const f of files) form.append('file', new Blob([f.bytes]), f.name);
  const response = await fetch(`http://127.0.0.1:${hub.port}/api/operator/model`, { method: 'POST', body: form, headers: { Authorization: `Bearer ${token}` } });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function state(): Promise<OperatorState> {
  return operatorStateSchema.parse((await call('127.0.0.1', hub.port, 'GET', '/api/operator/state', { token })).json());
}

/** Model folders in <stateDir>/models/, hidden (temporary) ones included. */
async function modelFolders(): Promise<string[]> {
  return existsSync(path.join(stateDir, 'models')) ? (await readdir(path.join(stateDir, 'models'))).sort() : [];
}

async function referenceExportFiles(): Promise<{ name: string; bytes: Uint8Array }[]> {
  const root = path.join(FIXTURES, 'reference-export');
  const snapshots = await readdir(path.join(root, 'mlp_weights'));
  return [
    { name: 'reference-export/mlp_weights.json', bytes: await readFile(path.join(root, 'mlp_weights.json')) },
    ...(await Promise.all(snapshots.map(async (s) => ({ name: `reference-export/mlp_weights/${s}`, bytes: await readFile(path.join(root, 'mlp_weights', s)) })))),
  ];
}

describe('operator model upload', () => {
  it('refuses malformed uploads with the reason, and the model in use stays', async () => {
    const before = await state();
    const onnx = await readFile(path.join(FIXTURES, 'onnx/flatten-mnist.onnx'));
    const cases: [{ name: string; bytes: Uint8Array | string }[], RegExp][] = [
      [[{ name: 'unsupported-conv.onnx', bytes: await readFile(path.join(FIXTURES, 'onnx/unsupported-conv.onnx')) }], /conv/i],
      [[{ name: 'garbage.onnx', bytes: 'this is not a protobuf' }], /.+/],
      [[{ name: 'broken.json', bytes: '{"version": 2, "network": ' }], /.+/],
      [[{ name: 'manifest.json', bytes: JSON.stringify({ version: 2 }) }], /.+/],
      [[{ name: '../evil.onnx', bytes: onnx }], /leaves its folder|absolute/],
      [[{ name: '.hidden.onnx', bytes: onnx }], /hidden/],
      [[{ name: 'a.onnx', bytes: onnx }, { name: 'b.onnx', bytes: onnx }], /one \.onnx file or one export manifest/],
      [[{ name: 'notes.txt', bytes: 'hello' }], /one \.onnx file or one export manifest/],
      [[{ name: 'model.onnx', bytes: onnx }, { name: 'MODEL.onnx', bytes: onnx }], /one \.onnx|twice/],
    ];
    for (const [files, reason] of cases) {
      const reply = await upload(files);
      expect(reply.status, JSON.stringify(reply.body)).toBe(422);
      expect(reply.body.code).toBe('model-error');
      expect(String(reply.body.message)).toMatch(reason);
      // The loader's message names the uploaded file, not the temporary folder.
      expect(String(reply.body.message)).not.toContain('.upload-');
    }
    const after = await state();
    expect(after.model.id).toBe(before.model.id);
    expect(after.snapshotId).toBe(before.snapshotId);
    expect(settings.get().modelPath).toBeNull();
    expect(await modelFolders()).toEqual([]);
  });

  it('refuses a body that is not multipart, and one over the size limit before reading it', async () => {
    const notForm = await call('127.0.0.1', hub.port, 'POST', '/api/operator/model', { body: '{"file": "x"}', headers: { 'Content-Type': 'application/json' }, token });
    expect(notForm.status).toBe(422);
    expect(notForm.json().message).toMatch(/multipart/);
    const huge = await call('127.0.0.1', hub.port, 'POST', '/api/operator/model', { body: '', headers: { 'Content-Type': 'multipart/form-data; boundary=x', 'Content-Length': String(1024 ** 3) }, token });
    expect(huge.status).toBe(413);
    expect(huge.json().code).toBe('too-large');
  });

  it('loads a good ONNX file: moved to <stateDir>/models/<name>/, in use, saved as the model setting', async () => {
    const reply = await upload([{ name: 'flatten-mnist.onnx', bytes: await readFile(path.join(FIXTURES, 'onnx/flatten-mnist.onnx')) }]);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    const next = operatorStateSchema.parse(reply.body);
    expect(next.model.kind).toBe('onnx');
    const file = path.join(stateDir, 'models', 'flatten-mnist', 'flatten-mnist.onnx');
    expect(existsSync(file)).toBe(true);
    expect(settings.get().modelPath).toBe(file);
    expect(next.installedModels.find((m) => m.id === 'flatten-mnist')).toMatchObject({ kind: 'onnx', inUse: true });
    expect(await modelFolders()).toEqual(['flatten-mnist']);
  });

  it('loads a good export folder (manifest and its snapshot files), and switches back to an installed model by id', async () => {
    const reply = await upload(await referenceExportFiles());
    expect(reply.status, JSON.stringify(reply.body).slice(0, 500)).toBe(200);
    const next = operatorStateSchema.parse(reply.body);
    expect(next.model.kind).toBe('export');
    expect(next.model.timeline).toHaveLength(35);
    expect(settings.get().modelPath).toBe(path.join(stateDir, 'models', 'reference-export', 'mlp_weights.json'));
    expect(await modelFolders()).toEqual(['flatten-mnist', 'reference-export']);
    // A snapshot file the manifest names really is where the loader looks for it.
    const preview = await post('127.0.0.1', hub.port, 'action', { action: 'preview-snapshot', snapshotId: 'initial' }, token);
    expect(preview.status, preview.body).toBe(200);

    const back = await post('127.0.0.1', hub.port, 'action', { action: 'switch-model', modelId: 'flatten-mnist' }, token);
    expect(back.status, back.body).toBe(200);
    expect(operatorStateSchema.parse(back.json()).model.kind).toBe('onnx');
    expect(settings.get()).toMatchObject({ modelPath: path.join(stateDir, 'models', 'flatten-mnist', 'flatten-mnist.onnx'), snapshotId: null });
    const missing = await post('127.0.0.1', hub.port, 'action', { action: 'switch-model', modelId: 'no-such' }, token);
    expect(missing.status).toBe(404);
  });
});
