import { describe, expect, it } from 'vitest';
import type { Frame } from '../../../../app/contract/frame.js';
import { silentLog } from '../../../../main/hub/hub-log.js';
import { createInkPipeline } from '../../../../main/hub/ink-pipeline.js';
import type { ActiveModel, ModelSlot } from '../../../../main/hub/model-slot.js';

// A slot whose forward pass waits until the test lets it finish, to see what
// the pipeline does with drawings that arrive while one is running.
function slowSlot() {
  const gates: (() => void)[] = [];
  const active = { info: { id: 'm-1' }, snapshotId: 's', backend: { name: 'fake' } } as unknown as ActiveModel;
  let runs = 0;
  const slot = {
    run: async () => {
      runs++;
      await new Promise<void>((resolve) => gates.push(resolve));
      return { result: { activations: [new Float32Array(2)], logits: new Float32Array(2), probabilities: new Float32Array([0.25, 0.75]) }, ms: 1, active };
    },
  } as unknown as ModelSlot;
  return { slot, runs: () => runs, finishOne: () => gates.shift()?.() };
}

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('ink pipeline', () => {
  it('runs the latest drawing only: drawings that arrive during a pass replace each other', async () => {
    const { slot, runs, finishOne } = slowSlot();
    const frames: Frame[] = [];
    const pipeline = createInkPipeline(slot, (f) => frames.push(f), silentLog);
    pipeline.submit({ strokes: [[[0, 0], [1, 1]]], inkId: 1 });
    for (let id = 2; id <= 10; id++) pipeline.submit({ strokes: [[[0, 0], [id, 1]]], inkId: id });
    await tick();
    expect(runs()).toBe(1);
    finishOne();
    await tick();
    expect(runs()).toBe(2);
    finishOne();
    await pipeline.idle();
    expect(frames.map((f) => [f.seq, f.inkId])).toEqual([[0, 1], [1, 10]]);
    expect(frames[1]!.probabilities).toEqual([0.25, 0.75]);
  });

  it('reports a failed pass to the client that drew, and keeps working', async () => {
    let fail = true;
    const active = { info: { id: 'm' }, snapshotId: 's', backend: { name: 'fake' } } as unknown as ActiveModel;
    const slot = {
      run: async () => {
        if (fail) throw new Error('backend crashed');
        return { result: { activations: [], logits: new Float32Array(1), probabilities: new Float32Array([1]) }, ms: 0, active };
      },
    } as unknown as ModelSlot;
    const frames: Frame[] = [];
    const reported: string[] = [];
    const pipeline = createInkPipeline(slot, (f) => frames.push(f), silentLog);
    pipeline.submit({ strokes: [], inkId: 1, onError: (m) => reported.push(m) });
    await pipeline.idle();
    expect(reported).toEqual(['backend crashed']);
    fail = false;
    pipeline.rerun();
    await pipeline.idle();
    expect(frames).toHaveLength(1);
    expect(frames[0]!.empty).toBe(true);
  });
});
