import { formatProgress, type TrainProgress } from '../../app/train/progress-format.js';

export interface ProgressReporter {
  onProgress(progress: TrainProgress): void;
  /** A log line on stdout, with the bar kept below it. */
  log(line: string): void;
  done(): void;
}

/**
 * The training status on stderr: a live bar redrawn in place when stderr is a
 * terminal, otherwise a plain line every `plainEveryMs` (a CI log or a file
 * should not fill with carriage returns).
 */
export function createProgressReporter(
  err: { isTTY?: boolean; write(text: string): unknown },
  out: { write(text: string): unknown },
  plainEveryMs = 10_000,
): ProgressReporter {
  const tty = err.isTTY === true;
  let last: TrainProgress | undefined;
  let lastDraw = 0;
  let shown = false;
  const draw = () => {
    if (!last) return;
    err.write(`\r${formatProgress(last, 24)}\x1b[K`);
    shown = true;
  };
  const clear = () => {
    if (shown) err.write('\r\x1b[K');
    shown = false;
  };
  return {
    onProgress(progress) {
      last = progress;
      const now = performance.now();
      if (tty) {
        if (now - lastDraw >= 100) {
          draw();
          lastDraw = now;
        }
      } else if (now - lastDraw >= plainEveryMs) {
        err.write(`${formatProgress(progress)}\n`);
        lastDraw = now;
      }
    },
    log(line) {
      if (tty) clear();
      out.write(`${line}\n`);
      if (tty) draw();
    },
    done() {
      if (tty) clear();
    },
  };
}
