import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import { REPO_ROOT } from '../helpers/fixtures.js';
import { quantile, type Report } from './report.js';

/**
 * pen.latency.{1tablet,3tablets}.{p50,p99}_ms: from a pen sample leaving a
 * tablet client to the display frame that first shows it, through the real
 * hub (`kiosk serve --headless`, its own process) over loopback. Tablets
 * sample at 240 Hz and send a batch every 1/60 s, as the pen page does; with
 * three tablets the other two draw at the same rate while the first holds the
 * turn (their ink is kept, not shown). pen.hub_cpu_us_per_sample: the hub
 * process's CPU time (Linux /proc) over the three-tablet run per sample sent.
 *
 * pen.latency.1tablet.while_training.{p50,p99}_ms: the one-tablet run again,
 * on a fresh hub whose live-training worker is training a new network
 * (default settings: all of MNIST, weights to the displays every 250 ms and
 * the drawing re-run on each); live.updates_per_s and live.samples_per_s.<backend>
 * from the same run, as a display socket sees them.
 */

const SAMPLE_HZ = 240;
const BATCH_MS = 1000 / 60;
const RUN_MS = 4000;
const WARMUP_MS = 500;

interface Ready {
  url: string;
  displayUrl: string;
  penUrl: string;
  pin: string;
}

export async function benchPen(report: Report): Promise<void> {
  for (const tablets of [1, 3]) {
    const hub = await startServe();
    try {
      const result = await measure(hub.ready, tablets, hub.child.pid!);
      const notes = { tablets, sample_hz: SAMPLE_HZ, batch_ms: Number(BATCH_MS.toFixed(1)), samples: result.latencies.length };
      const key = tablets === 1 ? '1tablet' : '3tablets';
      report(`pen.latency.${key}.p50_ms`, quantile(result.latencies, 0.5), 'ms', notes);
      report(`pen.latency.${key}.p99_ms`, quantile(result.latencies, 0.99), 'ms', notes);
      if (tablets === 3 && result.cpuUs !== undefined) {
        report('pen.hub_cpu_us_per_sample', result.cpuUs / result.samplesSent, 'us', { tablets, samples_sent: result.samplesSent, backend: 'hub process, utime+stime' });
      }
    } finally {
      hub.child.kill('SIGTERM');
      await new Promise((r) => hub.child.once('exit', r));
    }
  }
  const hub = await startServe();
  try {
    const result = await measure(hub.ready, 1, hub.child.pid!, true);
    const notes = { tablets: 1, sample_hz: SAMPLE_HZ, batch_ms: Number(BATCH_MS.toFixed(1)), samples: result.latencies.length, live_training: true };
    report('pen.latency.1tablet.while_training.p50_ms', quantile(result.latencies, 0.5), 'ms', notes);
    report('pen.latency.1tablet.while_training.p99_ms', quantile(result.latencies, 0.99), 'ms', notes);
    const live = result.live!;
    report('live.updates_per_s', live.updates / live.seconds, '1/s', { versions: live.updates, seconds: Number(live.seconds.toFixed(1)), note: 'weight versions announced to a display socket during the pen run' });
    report(`live.samples_per_s.${live.backend}`, live.samplesPerSecond, 'samples/s', { backend: live.backend, worker: 'worker_threads, batch 64, 784-128-64-10', note: 'while the pen run above draws' });
  } finally {
    hub.child.kill('SIGTERM');
    await new Promise((r) => hub.child.once('exit', r));
  }
}

async function startServe(): Promise<{ child: ChildProcess; ready: Ready }> {
  const child = spawn(process.execPath, [...(process.env.PEN_BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.PEN_BENCH_PROFILE] : []), path.join(REPO_ROOT, 'dist/main/kiosk.js'), 'serve', '--headless', '--port', '0'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const ready = await new Promise<Ready>((resolve, reject) => {
    let buffer = '';
    child.stdout!.on('data', (d: Buffer) => {
      buffer += d.toString();
      const line = buffer.split('\n')[0];
      if (buffer.includes('\n') && line) resolve(JSON.parse(line) as Ready);
    });
    child.once('exit', (code) => reject(new Error(`kiosk serve exited with ${code}`)));
  });
  return { child, ready };
}

function open(url: string): Promise<WebSocket> {
  const ws = new WebSocket(url);
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

function next(ws: WebSocket, type: string): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const message = JSON.parse(String(data)) as Record<string, unknown>;
      if (message.type === type) {
        ws.off('message', onMessage);
        resolve(message);
      }
    };
    ws.on('message', onMessage);
  });
}

function cpuMicros(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime are fields 14 and 15 of the whole line, in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return undefined;
  }
}

async function measure(ready: Ready, tablets: number, hubPid: number, training = false) {
  const secret = new URL(ready.displayUrl).hash.replace(/^#k=/, '');
  const wsBase = ready.url.replace(/^http/, 'ws');
  const display = await open(`${wsBase}ws`);
  let pin = ready.pin;
  display.on('message', (data) => {
    const message = JSON.parse(String(data)) as { type: string; pin?: string };
    if (message.type === 'pairing' && message.pin) pin = message.pin;
  });
  display.send(JSON.stringify({ type: 'hello', role: 'display', protocol: 1, secret }));
  await next(display, 'welcome');
  // Live training: started from the display and measured once its first weights are out.
  const live = { updates: 0, seconds: 0, samplesPerSecond: 0, backend: '', counting: false, from: 0, version: 0, error: '' };
  if (training) {
    display.on('message', (data) => {
      const message = JSON.parse(String(data)) as { type: string; version?: number; samplesPerSecond?: number; backend?: string; state?: string };
      if (message.type !== 'live-training') return;
      if (message.state === 'failed') live.error = String((message as { error?: string }).error);
      if (live.counting && message.version! > live.version) live.updates++;
      live.version = message.version!;
      if (message.samplesPerSecond) live.samplesPerSecond = message.samplesPerSecond;
      live.backend = message.backend ?? live.backend;
    });
    display.send(JSON.stringify({ type: 'live-training', action: 'start' }));
    await next(display, 'live-training').then(async function wait(m): Promise<unknown> {
      return (m.version as number) >= 2 ? m : wait(await next(display, 'live-training'));
    });
  }

  const pens: WebSocket[] = [];
  for (let i = 0; i < tablets; i++) {
    const pen = await open(`${wsBase}pen/ws`);
    pen.send(JSON.stringify({ type: 'hello', role: 'pen', protocol: 1, auth: { kind: 'pin', pin }, name: `bench ${i + 1}`, clientId: randomBytes(8).toString('hex') }));
    await next(pen, 'pen-welcome');
    await new Promise((r) => setTimeout(r, 50)); // the PIN rotates after each pairing; the display hears the new one
    pens.push(pen);
  }

  // Sample k of tablet 0 left at sentAt[k]; the first frame covering k + 1 points shows it.
  const sentAt: number[] = [];
  const latencies: number[] = [];
  let shown = 0;
  const started = performance.now();
  display.on('message', (data) => {
    const message = JSON.parse(String(data)) as { type: string; pen?: { name: string; points?: number } };
    if (message.type !== 'frame' || message.pen?.name !== 'bench 1' || message.pen.points === undefined) return;
    const now = performance.now();
    for (; shown < Math.min(message.pen.points, sentAt.length); shown++) {
      if (sentAt[shown]! - started > WARMUP_MS) latencies.push(now - sentAt[shown]!);
    }
  });

  const perBatch = Math.round(SAMPLE_HZ / 60);
  const counts = pens.map(() => 0);
  // Tablet 0 starts first so it holds the turn.
  pens[0]!.send(JSON.stringify({ type: 'stroke-begin', stroke: 0, points: [[100, 100]] }));
  sentAt.push(performance.now());
  counts[0] = 1;
  await new Promise((r) => setTimeout(r, 30));
  pens.slice(1).forEach((pen, i) => {
    pen.send(JSON.stringify({ type: 'stroke-begin', stroke: 0, points: [[50, 50]] }));
    counts[i + 1] = 1;
  });

  const cpuBefore = cpuMicros(hubPid);
  live.counting = true;
  live.from = performance.now();
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      pens.forEach((pen, i) => {
        const points = Array.from({ length: perBatch }, (_, j) => {
          const k = counts[i]! + j;
          return [100 + 200 * Math.sin(k / 40), 100 + 150 * Math.cos(k / 55)];
        });
        pen.send(JSON.stringify({ type: 'stroke-points', stroke: 0, points }));
        if (i === 0) for (let j = 0; j < perBatch; j++) sentAt.push(performance.now());
        counts[i]! += perBatch;
      });
      if (performance.now() - started > RUN_MS) {
        clearInterval(timer);
        resolve();
      }
    }, BATCH_MS);
  });
  await new Promise((r) => setTimeout(r, 200)); // let the last frames arrive
  live.counting = false;
  live.seconds = (performance.now() - live.from) / 1000;
  if (training) display.send(JSON.stringify({ type: 'live-training', action: 'stop' }));
  // A run that failed or ended during the measurement would make "while training" a lie.
  if (live.error) throw new Error(`live training failed: ${live.error}`);
  const cpuAfter = cpuMicros(hubPid);
  for (const pen of pens) pen.close();
  display.close();
  const samplesSent = counts.reduce((a, b) => a + b, 0);
  return { latencies, samplesSent, live: training ? live : undefined, cpuUs: cpuBefore !== undefined && cpuAfter !== undefined ? cpuAfter - cpuBefore : undefined };
}
