import { describe, expect, it } from 'vitest';
import { benchDisplay } from '../bench/display-bench.js';
import type { Report } from '../bench/report.js';

// `npm run bench -- display` in miniature: a few updates on a small canvas
// (software rendering of every connection takes seconds per frame at full
// size), ours and the anchor with its default 24 connections per neuron (the
// anchor drawing all 109,184 as instanced cylinders takes minutes per frame
// in software; it is the same code with another count, run by the bench).
// Checks that every figure comes out, finite, and that the upload counts
// agree with what each implementation should send; speed is never asserted.
describe('display benchmark', () => {
  it('prints every figure, ours and the anchor, with upload counts that add up', async () => {
    const figures = new Map<string, { value: number; notes: Record<string, unknown> }>();
    const collect: Report = (name, value, _unit, notes = {}) => void figures.set(name, { value, notes });
    await benchDisplay(collect, { warmup: 1, updates: 3, renderWarmup: 1, renderUpdates: 2, switches: 1, loads: 1, hubSwitches: 1, width: 320, height: 180, variants: ['ours', 'anchor'] });

    const perVariant = ['display.update.main_thread_ms', 'display.update.js_ms', 'display.update.upload_bytes', 'display.update.frame_ms', 'display.snapshot_switch.set_weights_ms'];
    const expected = [
      ...perVariant.flatMap((name) => [name, `${name}.anchor`]),
      'display.update.ratio.anchor_over_ours',
      'display.first_frame_ms',
      'display.snapshot_switch_ms',
    ];
    expect([...figures.keys()].sort()).toEqual(expected.sort());
    for (const [name, { value }] of figures) {
      expect(Number.isFinite(value), name).toBe(true);
      expect(value, name).toBeGreaterThan(0);
    }

    const bytes = (name: string) => figures.get(name)!;
    // Ours: what NetworkView says it uploads is what reaches WebGL.
    expect(bytes('display.update.upload_bytes').value).toBe(bytes('display.update.upload_bytes').notes.view_reported);
    // The anchor: an RGB float colour per neuron (986) and per drawn connection, every update.
    expect(bytes('display.update.upload_bytes.anchor').notes.connections).toBe((128 + 64 + 10) * 24);
    expect(bytes('display.update.upload_bytes.anchor').value).toBe(12 * (986 + (128 + 64 + 10) * 24));
    expect(bytes('display.update.upload_bytes').notes.connections).toBe(109_184);
    expect(figures.get('display.first_frame_ms')!.notes.connections).toBe(109_184);
  }, 600_000);
});
