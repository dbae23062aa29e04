// GPU process crashes: Chromium restarts the GPU process itself, so a single
// crash is logged and counted. Repeated ones (app/kiosk/gpu-crash-policy.ts)
// relaunch the kiosk without hardware acceleration, once; the cause is in the
// restart history, so the operator sees why the display runs in software.
import { app, type Details } from 'electron';
import type { GpuCrashPolicy } from '../../app/kiosk/gpu-crash-policy.js';
import type { HubLog } from '../hub/hub-log.js';
import type { Disposer } from './disposer.js';

export interface GpuCrashDeps {
  readonly policy: GpuCrashPolicy;
  readonly log: HubLog;
  /** True when this run already has hardware acceleration off (NO_GPU_FLAG). */
  readonly gpuOff: boolean;
  /** Restarts the kiosk with hardware acceleration off, recording `cause`. */
  readonly relaunchWithoutGpu: (cause: string) => void;
  readonly now?: () => number;
}

export const GPU_CRASH_CAUSE = 'gpu-crashes: relaunched without hardware acceleration';

export function setupGpuCrashHandling(deps: GpuCrashDeps): Disposer {
  const now = deps.now ?? Date.now;
  let relaunching = false;
  const onGone = (_event: unknown, details: Details): void => {
    if (details.type !== 'GPU') return;
    const tooMany = deps.policy.crashed(now());
    deps.log.warn('GPU process gone', { reason: details.reason, exitCode: details.exitCode, crashes: deps.policy.count(), gpuOff: deps.gpuOff });
    if (!tooMany || deps.gpuOff || relaunching) return;
    relaunching = true;
    deps.log.error('the GPU process keeps crashing; relaunching without hardware acceleration', { crashes: deps.policy.count() });
    deps.relaunchWithoutGpu(GPU_CRASH_CAUSE);
  };
  app.on('child-process-gone', onGone);
  return () => {
    app.off('child-process-gone', onGone);
  };
}
