import WebSocket from 'ws';
import type { HubLog } from '../../main/hub/hub-log.js';
import { startHub } from '../../main/hub/start-hub.js';
import { quantile, type Report } from './report.js';

/**
 * hub.stroke_to_frame.{p50,p99}_ms: a display client on loopback sends the
 * drawing so far (a "7" growing point by point, as the pad sends it); the time
 * until the frame answering that message arrives: JSON, validation, ink
 * rasterisation, inference and the frame's trip back through the real hub.
 */
export async function benchHub(report: Report): Promise<void> {
  const silent: HubLog = { info: () => {}, warn: () => {}, error: () => {} };
  const hub = await startHub({ port: 0, log: silent });
  const secret = new URL(hub.displayUrl).hash.replace(/^#k=/, '');
  const ws = new WebSocket(new URL('ws', hub.url).href.replace(/^http/, 'ws'));
  try {
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const waiters = new Map<number, () => void>();
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as { type: string; inkId?: number | null };
      if (message.type === 'frame' && typeof message.inkId === 'number') waiters.get(message.inkId)?.();
    });
    ws.send(JSON.stringify({ type: 'hello', role: 'display', protocol: 1, secret }));

    const seven = sevenPoints(60);
    const times: number[] = [];
    const total = 600;
    for (let id = 1; id <= total; id++) {
      const stroke = seven.slice(0, 2 + (id % (seven.length - 2)));
      const arrived = new Promise<void>((resolve) => waiters.set(id, resolve));
      const start = performance.now();
      ws.send(JSON.stringify({ type: 'ink', id, strokes: [stroke] }));
      await arrived;
      waiters.delete(id);
      if (id > 100) times.push(performance.now() - start); // first 100 warm up the JIT
    }
    const notes = { backend: hub.backendName, samples: times.length };
    report('hub.stroke_to_frame.p50_ms', quantile(times, 0.5), 'ms', notes);
    report('hub.stroke_to_frame.p99_ms', quantile(times, 0.99), 'ms', notes);
  } finally {
    ws.close();
    await hub.close();
  }
}

/** Points along a "7": a top bar, then a diagonal down-left, in pad pixels. */
function sevenPoints(n: number): Array<[number, number]> {
  const half = Math.floor(n / 2);
  return Array.from({ length: n }, (_, i) =>
    i < half ? [100 + (200 * i) / half, 80] : [300 - (120 * (i - half)) / (n - half), 80 + (300 * (i - half)) / (n - half)],
  );
}
