import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLog } from '../../../../main/hub/hub-log.js';
import type { MdnsFactory } from '../../../../main/hub/mdns-announce.js';
import { startHub, type RunningHub } from '../../../../main/hub/start-hub.js';
import { connectPen, penHello } from './pen-test-client.js';

// The hub on 0.0.0.0 and a real non-loopback peer (this machine's LAN
// address, as in lan-peer.test.ts): the pen page and /pen/ws answer it,
// nothing else does, and no path under /pen/ leads outside the pen folder.
function lanAddress(): string {
  const found = Object.values(os.networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal && !a.address.startsWith('169.254.'));
  if (!found) throw new Error('pen-lan test: this machine has no non-loopback IPv4 address (see `hostname -I`)');
  return found.address;
}

let hub: RunningHub;
let lan: string;
let tmp: string;
const mdns: string[] = [];
const fakeMdns: MdnsFactory = () => ({
  publish: (service) => {
    mdns.push(`publish ${service.name} ${service.type} ${service.port} path=${service.txt.path}`);
    return { on: () => undefined };
  },
  unpublishAll: (done) => {
    mdns.push('unpublish');
    done();
  },
  destroy: () => void mdns.push('destroy'),
});

beforeAll(async () => {
  lan = lanAddress();
  tmp = await mkdtemp(path.join(os.tmpdir(), 'pen-lan-'));
  await mkdir(path.join(tmp, 'pen', 'assets'), { recursive: true });
  await mkdir(path.join(tmp, 'display'), { recursive: true });
  await writeFile(path.join(tmp, 'pen', 'index.html'), '<!doctype html><title>pen</title>');
  await writeFile(path.join(tmp, 'pen', 'assets', 'main.js'), 'console.log(1)');
  await writeFile(path.join(tmp, 'display', 'index.html'), '<!doctype html><title>display</title>');
  await writeFile(path.join(tmp, 'secret.json'), '{"secret":true}');
  hub = await startHub({ host: '0.0.0.0', port: 0, log: silentLog, displayDir: path.join(tmp, 'display'), penDir: path.join(tmp, 'pen'), stateDir: path.join(tmp, 'state'), mdns: fakeMdns });
});
afterAll(async () => {
  await hub?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

function get(rawPath: string, host = `${lan}:${hub.port}`, method = 'GET'): Promise<{ status: number; body: string; csp: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: lan, port: hub.port, path: rawPath, method, headers: { Host: host }, localAddress: lan }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, csp: String(res.headers['content-security-policy'] ?? '') }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('pen endpoints on the LAN', () => {
  it('announces the pen page over mDNS and points the QR code at the LAN address', () => {
    expect(mdns).toEqual([`publish MLP Kiosk http ${hub.port} path=/pen/`]);
    const pairing = hub.pairing();
    expect(pairing.lan).toBe(true);
    expect(pairing.penUrl).toMatch(new RegExp(`^http://(?!127\\.)[0-9.]+:${hub.port}/pen/#pair=`));
  });

  it('serves the pen page to a LAN peer, with a CSP that lets it open its socket there', async () => {
    const page = await get('/pen/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>pen</title>');
    expect(page.csp).toContain(`connect-src 'self' ws://${lan}:${hub.port}`);
    expect((await get('/pen/assets/main.js')).status).toBe(200);
    expect((await get('/pen')).status).toBe(301);
    expect((await get('/pen/', `evil.example:${hub.port}`)).status).toBe(404);
    expect((await get('/pen/', 'kiosk.local:' + hub.port)).status).toBe(200);
    expect((await get('/pen/', `${lan}:${hub.port}`, 'POST')).status).toBe(405);
  });

  it('no path under /pen/ leads outside the pen folder', async () => {
    for (const p of ['/pen/../display/index.html', '/pen/..%2fdisplay/index.html', '/pen/%2e%2e/secret.json', '/pen/%2e%2e%2fsecret.json', '/pen/..\\secret.json', '/pen/%5c..%5csecret.json', '/pen/assets/../../secret.json', '/pen/%00index.html', '/pen/.hidden.js', '/pen//etc/passwd', '/pen/%252e%252e/secret.json']) {
      const reply = await get(p);
      expect(reply.status, p).toBe(404);
      expect(reply.body, p).not.toContain('secret');
      expect(reply.body, p).not.toContain('display</title>');
    }
  });

  it('still refuses the display, the API and /ws to a LAN peer', async () => {
    expect((await get('/display/')).status).toBe(404);
    expect((await get('/api/devices')).status).toBe(404);
    expect((await get('/api/devices/x', `${lan}:${hub.port}`, 'DELETE')).status).toBe(404);
    await expect(connectPen(`ws://${lan}:${hub.port}/ws`, { localAddress: lan })).rejects.toThrow(/404/);
  });

  it('lets a LAN tablet pair by PIN on /pen/ws, same-origin', async () => {
    const pen = await connectPen(`ws://${lan}:${hub.port}/pen/ws`, { localAddress: lan, headers: { Origin: `http://${lan}:${hub.port}` } });
    pen.send(penHello({ kind: 'pin', pin: hub.pairing().pin }, 'LAN tablet'));
    await pen.next('paired');
    expect(await pen.next('pen-welcome')).toMatchObject({ name: 'LAN tablet' });
    pen.close();
    await expect(connectPen(`ws://${lan}:${hub.port}/pen/ws`, { localAddress: lan, headers: { Origin: 'http://evil.example' } })).rejects.toThrow(/403/);
  });
});

describe('mDNS', () => {
  it('is taken back on close, and a responder that fails is logged, not fatal', async () => {
    const warnings: string[] = [];
    const broken: MdnsFactory = () => {
      throw new Error('EADDRINUSE 5353');
    };
    const other = await startHub({ host: '0.0.0.0', port: 0, log: { ...silentLog, warn: (m: string) => void warnings.push(m) }, mdns: broken, displayDir: path.join(tmp, 'display') });
    await other.close();
    expect(warnings.some((w) => w.startsWith('mDNS announcement failed'))).toBe(true);
    await hub.close();
    expect(mdns.slice(-2)).toEqual(['unpublish', 'destroy']);
  });
});
