import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { BackendUnavailableError, selectBackend } from '../../../../main/train/tf-backend.js';

const nativeInstalled = async (pkg: string) =>
  import(/* @vite-ignore */ pkg).then(
    () => true,
    () => false,
  );

describe('selectBackend', () => {
  it('auto takes the best backend that starts and reports it', async () => {
    const gpu = await nativeInstalled('@tensorflow/tfjs-node-gpu');
    const node = await nativeInstalled('@tensorflow/tfjs-node');
    const chosen = await selectBackend('auto');
    // Where the optional native packages are absent (this machine, CI), auto falls back to wasm.
    expect(chosen.name).toBe(gpu ? 'node-gpu' : node ? 'node' : 'wasm');
    expect(chosen.tfjsVersion).toBe(tf.version_core);
    expect(tf.getBackend()).toBe(chosen.tfName);
  });

  it('cpu and wasm by name', async () => {
    expect((await selectBackend('cpu')).name).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect((await selectBackend('wasm')).name).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
  });

  it('a native backend asked for by name and not installed is an error, not a silent fallback', async () => {
    if (await nativeInstalled('@tensorflow/tfjs-node')) {
      expect((await selectBackend('node')).name).toBe('node');
      return;
    }
    const attempt = selectBackend('node');
    await expect(attempt).rejects.toThrow(BackendUnavailableError);
    await expect(selectBackend('node')).rejects.toThrow(/^--device node: @tensorflow\/tfjs-node is not installed \(an optional dependency; its install downloads libtensorflow\)$/);
  });
});
