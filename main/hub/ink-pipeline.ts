import type { Frame } from '../../app/contract/frame.js';
import type { Strokes } from '../../app/contract/ink-schema.js';
import { strokesToInput } from '../../app/ink/strokes-to-input.js';
import { frameOf } from './frame-of.js';
import type { HubLog } from './hub-log.js';
import type { ModelSlot } from './model-slot.js';

/** Who asked for a frame, so a failure can be reported to that client only. */
export interface InkJob {
  readonly strokes: Strokes;
  readonly inkId: number | null;
  readonly onError?: (message: string) => void;
  /** The pen whose drawing this is (named in the frame). */
  readonly pen?: { readonly deviceId: string; readonly name: string; readonly points?: number };
  /** Called with the frame this job produced (a pen's guess goes back to it); skipped jobs get none. */
  readonly onFrame?: (frame: Frame) => void;
}

export interface InkPipeline {
  /** The drawing changed (the whole drawing; [] when cleared). */
  submit(job: InkJob): void;
  /** Runs the current drawing again, e.g. on another snapshot. */
  rerun(): void;
  /** The last frame sent, for displays that connect later. */
  lastFrame(): Frame | undefined;
  /** Resolves once nothing is pending or running (tests, shutdown). */
  idle(): Promise<void>;
  dispose(): void;
}

/**
 * strokes -> app/ink -> backend -> one frame. Latest wins: while a pass runs,
 * newer drawings replace each other and only the newest is run next, so a
 * fast pad can never queue up work or latency.
 */
/** `onFrame` also gets the exact pixels the backend saw (the timeline pass runs them through every snapshot). */
export function createInkPipeline(slot: ModelSlot, onFrame: (frame: Frame, input: Float32Array) => void, log: HubLog): InkPipeline {
  let seq = 0;
  let current: InkJob = { strokes: [], inkId: null };
  let pending: InkJob | undefined;
  let running: Promise<void> | undefined;
  let last: Frame | undefined;
  let disposed = false;

  async function drain(): Promise<void> {
    while (pending && !disposed) {
      const job = pending;
      pending = undefined;
      current = job;
      try {
        const input = strokesToInput(job.strokes);
        const { result, ms, active } = await slot.run(input);
        if (disposed) return;
        last = frameOf({ seq: seq++, inkId: job.inkId, empty: job.strokes.length === 0, input, result, ms, active, pen: job.pen });
        onFrame(last, input);
        job.onFrame?.(last);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        log.error('inference failed', { error: message });
        job.onError?.(message);
      }
    }
  }

  function kick(): void {
    if (running || !pending || disposed) return;
    // Re-check on the way out: a job submitted from a microtask between the
    // loop's last check and this callback must not be stranded.
    running = drain().finally(() => {
      running = undefined;
      kick();
    });
  }

  function submit(job: InkJob): void {
    if (disposed) return;
    pending = job;
    kick();
  }

  return {
    submit,
    // The same drawing (and its pen) again, but nobody is waiting for this frame's guess.
    rerun: () => submit({ strokes: current.strokes, inkId: null, pen: current.pen }),
    lastFrame: () => last,
    idle: async () => {
      while (running) await running;
    },
    dispose: () => {
      disposed = true;
      pending = undefined;
    },
  };
}
