import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { weightsLayout, WEIGHTS_CONTENT_TYPE } from '../../../../app/contract/snapshot-weights-layout.js';
import { modelResponseSchema } from '../../../../app/contract/model-info.js';
import { silentLog } from '../../../../main/hub/hub-log.js';
import { startHub, type RunningHub } from '../../../../main/hub/start-hub.js';
import { loadModel } from '../../../../main/model/load-model.js';
import { socketOf } from './hub-test-client.js';

// The hub's HTTP side against a display folder made for the test, with a
// secret file next to it and a symlink pointing out of it.
let hub: RunningHub;
let tmp: string;
let secret: string;

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** Raw HTTP, so that the exact path goes on the wire (fetch would normalise "..", "%2e" and "\\"). */
function get(rawPath: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: hub.port, path: rawPath, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'hub-http-'));
  const displayDir = path.join(tmp, 'display');
  await mkdir(path.join(displayDir, 'assets'), { recursive: true });
  await writeFile(path.join(displayDir, 'index.html'), '<!doctype html><title>display</title>');
  await writeFile(path.join(displayDir, 'main.js'), 'console.log(1)');
  await writeFile(path.join(displayDir, 'display.css'), 'body{}');
  await writeFile(path.join(displayDir, 'assets', 'font.woff2'), 'w');
  await writeFile(path.join(displayDir, '.env'), 'SECRET=1');
  await writeFile(path.join(displayDir, 'notes.txt'), 'not a page file');
  await writeFile(path.join(tmp, 'secret.html'), 'TOP SECRET');
  await symlink(path.join(tmp, 'secret.html'), path.join(displayDir, 'link.html'));
  hub = await startHub({ port: 0, log: silentLog, displayDir });
  secret = socketOf(hub.displayUrl).secret;
});
afterAll(async () => {
  await hub?.close();
  await rm(tmp, { recursive: true, force: true });
});

describe('static display files', () => {
  it('serves the page with the right content types and security headers', async () => {
    const page = await get('/display/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body.toString()).toContain('<title>display</title>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain(`connect-src 'self' ws://127.0.0.1:${hub.port}`);
    expect(page.headers['content-security-policy']).not.toMatch(/unsafe-(inline|eval)/);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect((await get('/display/main.js')).headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await get('/display/display.css')).headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await get('/display/assets/font.woff2')).headers['content-type']).toBe('font/woff2');
    const head = await get('/display/main.js', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
  });

  it('redirects /display to /display/ (browsers keep the #secret across it)', async () => {
    const reply = await get('/display');
    expect(reply.status).toBe(301);
    expect(reply.headers.location).toBe('/display/');
  });

  it.each([
    '/display/../package.json',
    '/display/../../package.json',
    '/display/%2e%2e/package.json',
    '/display/%2E%2E%2Fpackage.json',
    '/display/..%2fpackage.json',
    '/display/..%5cpackage.json',
    '/display/..\\package.json',
    '/display/%252e%252e/package.json',
    '/display/assets/../../secret.html',
    '/display/./index.html',
    '/display//etc/passwd',
    '/display/%2fetc%2fpasswd',
    '/display/index.html%00.js',
    '/display/%',
    '/display/.env',
    '/display/notes.txt',
    '/display/link.html',
    '/display/assets',
    '/display/assets/',
    '/display/../secret.html',
    '/../secret.html',
    '/secret.html',
    '/etc/passwd',
    '/',
    'http://127.0.0.1/display/../secret.html',
  ])('refuses %s', async (rawPath) => {
    const reply = await get(rawPath);
    expect(reply.status).toBe(404);
    expect(reply.body.toString()).not.toContain('SECRET');
    expect(reply.headers['content-security-policy']).toBeDefined();
  });

  it('answers other methods with 405', async () => {
    const reply = await get('/display/', {}, 'POST');
    expect(reply.status).toBe(405);
    expect(reply.headers.allow).toBe('GET, HEAD');
  });

  it('refuses requests whose Host is not loopback (DNS rebinding)', async () => {
    expect((await get('/display/', { Host: `attacker.example:${hub.port}` })).status).toBe(404);
    expect((await get('/api/model', { Host: `attacker.example:${hub.port}`, Authorization: `Bearer ${secret}` })).status).toBe(404);
    expect((await get('/display/', { Host: `localhost:${hub.port}` })).status).toBe(200);
  });
});

describe('JSON and binary API', () => {
  it('needs the secret', async () => {
    for (const auth of [undefined, 'Bearer wrong', `Basic ${secret}`, secret]) {
      const reply = await get('/api/model', auth ? { Authorization: auth } : {});
      expect(reply.status).toBe(401);
      expect(JSON.parse(reply.body.toString())).toMatchObject({ type: 'error', code: 'unauthorized' });
    }
    expect((await get('/api/snapshots/initial/weights')).status).toBe(401);
  });

  it('serves model metadata on the contract', async () => {
    const reply = await get('/api/model', { Authorization: `Bearer ${secret}` });
    expect(reply.status).toBe(200);
    const body = modelResponseSchema.parse(JSON.parse(reply.body.toString()));
    expect(body.model.network.architecture).toEqual([784, 128, 64, 10]);
    expect(body.snapshotId).toBe('dataset_50x');
    expect(body.backend).toBe(hub.backendName);
  });

  it('serves a snapshot\'s weights as little-endian float32 in the contract\'s layout', async () => {
    const reply = await get('/api/snapshots/approx_50/weights', { Authorization: `Bearer ${secret}` });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe(WEIGHTS_CONTENT_TYPE);
    const model = await loadModel(hub.modelPath);
    const expected = await model.loadSnapshot('approx_50');
    const layout = weightsLayout(expected.layers);
    expect(reply.body.length).toBe(layout.length * 4);
    const values = new Float32Array(reply.body.buffer, reply.body.byteOffset, layout.length);
    expected.layers.forEach((layer, i) => {
      const slice = layout.layers[i]!;
      expect(values.subarray(slice.weightsOffset, slice.weightsOffset + slice.weightsLength)).toEqual(layer.weights);
      expect(values.subarray(slice.biasesOffset, slice.biasesOffset + slice.biasesLength)).toEqual(layer.biases);
    });
  });

  it('answers an unknown snapshot with 404 and a typed error', async () => {
    const reply = await get('/api/snapshots/nope/weights', { Authorization: `Bearer ${secret}` });
    expect(reply.status).toBe(404);
    expect(JSON.parse(reply.body.toString())).toMatchObject({ code: 'unknown-snapshot' });
    expect((await get('/api/snapshots/%E0%A4%A/weights', { Authorization: `Bearer ${secret}` })).status).toBe(400);
    expect((await get('/api/nothing', { Authorization: `Bearer ${secret}` })).status).toBe(404);
  });
});
