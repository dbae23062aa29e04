import { describe, expect, it } from 'vitest';
import { createGpuCrashPolicy } from '../../../../app/kiosk/gpu-crash-policy.js';

describe('createGpuCrashPolicy', () => {
  it('asks for a relaunch without the GPU on the third crash within ten minutes', () => {
    const policy = createGpuCrashPolicy();
    expect(policy.crashed(0)).toBe(false);
    expect(policy.crashed(60_000)).toBe(false);
    expect(policy.crashed(120_000)).toBe(true);
    expect(policy.count()).toBe(3);
  });

  it('forgets crashes older than its window', () => {
    const policy = createGpuCrashPolicy(2, 1000);
    expect(policy.crashed(0)).toBe(false);
    expect(policy.crashed(1000)).toBe(false);
    expect(policy.crashed(1500)).toBe(true);
  });
});
