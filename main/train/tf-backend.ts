import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import type { TrainDevice } from '../../app/train/train-options.js';

export interface SelectedBackend {
  /** What the run reports and records: node-gpu, node, wasm or cpu. */
  readonly name: Exclude<TrainDevice, 'auto'>;
  /** tfjs's own name for it (tfjs-node registers "tensorflow"). */
  readonly tfName: string;
  readonly tfjsVersion: string;
}

/** A backend that was asked for by name and cannot run here. */
export class BackendUnavailableError extends Error {
  override readonly name = 'BackendUnavailableError';
}

const NATIVE_PACKAGES = { 'node-gpu': '@tensorflow/tfjs-node-gpu', node: '@tensorflow/tfjs-node' } as const;
const AUTO_ORDER = ['node-gpu', 'node', 'wasm', 'cpu'] as const;

/**
 * Switches tfjs to the backend for `device`; "auto" takes the best one that
 * starts: tfjs-node-gpu, tfjs-node (optional dependencies, imported only when
 * present), then wasm, then cpu. A named backend that cannot start is an
 * error, never a silent fallback: a curator who asks for the GPU must know
 * when they did not get it.
 */
export async function selectBackend(device: TrainDevice): Promise<SelectedBackend> {
  // tfjs's console banners ("install our node backend") would break the CLI's
  // output; which backend runs is reported by us instead.
  tf.env().set('PROD', true);
  if (device !== 'auto') {
    const problem = await tryBackend(device);
    if (problem) throw new BackendUnavailableError(`--device ${device}: ${problem}`);
    return describe(device);
  }
  for (const candidate of AUTO_ORDER) {
    if ((await tryBackend(candidate)) === undefined) return describe(candidate);
  }
  throw new BackendUnavailableError('no tfjs backend could start (tried node-gpu, node, wasm, cpu)');
}

/** undefined when the backend is now active, else why not. */
async function tryBackend(device: Exclude<TrainDevice, 'auto'>): Promise<string | undefined> {
  let tfName: string = device;
  if (device === 'node' || device === 'node-gpu') {
    const pkg = NATIVE_PACKAGES[device];
    try {
      await import(/* @vite-ignore */ pkg as string);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND'
        ? `${pkg} is not installed (an optional dependency; its install downloads libtensorflow)`
        : `${pkg} failed to load (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`;
    }
    tfName = 'tensorflow';
  }
  try {
    if (!(await tf.setBackend(tfName))) return `the ${tfName} backend failed to start`;
    await tf.ready();
  } catch (error) {
    return `the ${tfName} backend failed to start (${error instanceof Error ? error.message : String(error)})`;
  }
  return undefined;
}

function describe(name: Exclude<TrainDevice, 'auto'>): SelectedBackend {
  return { name, tfName: tf.getBackend(), tfjsVersion: tf.version_core };
}
