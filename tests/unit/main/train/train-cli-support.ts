import { expect } from 'vitest';
import type { KioskRun } from '../../../helpers/run-kiosk.js';

/** Small real runs on the wasm backend: 1,000 training and 200 test images. */
export const SMALL = ['--device', 'wasm', '--epochs', '2', '--hidden-dims', '32,16', '--train-limit', '1000', '--test-limit', '200', '--seed', '3'];

/** The run failed with `code` and exactly one line on stderr, "kiosk: ..." matching `pattern`. */
export function expectOneLineError(run: KioskRun, code: number, pattern: RegExp): void {
  expect(run.code, run.stderr).toBe(code);
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^kiosk: /);
  expect(lines[0]).toMatch(pattern);
}
