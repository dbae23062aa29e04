import { describe, expect, it } from 'vitest';
import { preferredProviders, providerUnavailableReason } from '../../../../main/inference/execution-providers.js';

describe('execution providers', () => {
  it('tries the platform GPU provider first and CPU last', () => {
    expect(preferredProviders('linux')).toEqual(['cuda', 'cpu']);
    expect(preferredProviders('win32')).toEqual(['dml', 'cpu']);
    expect(preferredProviders('darwin')).toEqual(['coreml', 'cpu']);
    expect(preferredProviders('freebsd')).toEqual(['cpu']);
  });

  const linuxBuild = [
    { name: 'cpu', bundled: true },
    { name: 'cuda', bundled: false },
  ];

  it('skips CUDA when its provider library was not installed', () => {
    expect(providerUnavailableReason('cuda', linuxBuild, () => false)).toMatch(/^cuda: provider library not installed/);
    expect(providerUnavailableReason('cuda', linuxBuild, () => true)).toBeUndefined();
  });

  it('skips a provider this build does not have, never CPU', () => {
    expect(providerUnavailableReason('dml', linuxBuild)).toBe('dml: not part of this onnxruntime-node build');
    expect(providerUnavailableReason('cpu', [])).toBeUndefined();
  });
});
