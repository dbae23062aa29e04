import { describe, expect, it } from 'vitest';
import type { HubLog } from '../../../../main/hub/hub-log.js';
import { recordProblems } from '../../../../main/hub/recent-problems.js';
import { probeTrainingBackend } from '../../../../main/hub/training-backend-probe.js';

describe('recordProblems', () => {
  it('passes every line on and keeps only the newest warnings and errors, newest first', () => {
    const lines: string[] = [];
    const inner: HubLog = { info: (m) => void lines.push(`info ${m}`), warn: (m) => void lines.push(`warn ${m}`), error: (m) => void lines.push(`error ${m}`) };
    const { log, recent } = recordProblems(inner, 3);
    log.info('started');
    for (let i = 0; i < 5; i++) log.warn(`w${i}`, { i });
    log.error('boom', { error: 'x'.repeat(2000) });
    expect(lines).toHaveLength(7);
    const kept = recent();
    expect(kept.map((p) => p.message)).toEqual(['boom', 'w4', 'w3']);
    expect(kept[1]).toMatchObject({ level: 'warn', detail: '{"i":4}' });
    expect(kept[0]!.detail.length).toBeLessThanOrEqual(500);
  });

  it('keeps a line whose fields cannot be serialised', () => {
    const { log, recent } = recordProblems({ info: () => {}, warn: () => {}, error: () => {} });
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    log.error('cyclic', loop);
    expect(recent()[0]).toMatchObject({ message: 'cyclic', detail: '(fields not serialisable)' });
  });
});

describe('probeTrainingBackend', () => {
  it('names the first installed backend in training order, and why better ones are skipped', () => {
    const installed = new Set(['@tensorflow/tfjs-backend-wasm', '@tensorflow/tfjs-backend-cpu']);
    const resolve = (pkg: string): string => {
      if (!installed.has(pkg)) throw new Error(`Cannot find module '${pkg}'`);
      return `/node_modules/${pkg}/index.js`;
    };
    const probe = probeTrainingBackend(resolve);
    expect(probe.backend).toBe('wasm');
    expect(probe.notes.slice(0, 2)).toEqual(['node-gpu: @tensorflow/tfjs-node-gpu is not installed', 'node: @tensorflow/tfjs-node is not installed']);
    expect(probeTrainingBackend(() => '/x').backend).toBe('node-gpu');
    expect(probeTrainingBackend(() => { throw new Error('none'); }).backend).toBe('none');
  });
});
