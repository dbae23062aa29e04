import { createRequire } from 'node:module';

/**
 * Which tfjs backend training would pick on this machine (the order of
 * main/train/tf-backend.ts: node-gpu, node, wasm, cpu), found by whether the
 * packages are installed, without loading tfjs into the hub: starting a
 * native backend costs hundreds of MB and seconds, too much for a health
 * page. The training run itself reports what actually started.
 */
const CANDIDATES = [
  ['node-gpu', '@tensorflow/tfjs-node-gpu'],
  ['node', '@tensorflow/tfjs-node'],
  ['wasm', '@tensorflow/tfjs-backend-wasm'],
  ['cpu', '@tensorflow/tfjs-backend-cpu'],
] as const;

export function probeTrainingBackend(resolve: (pkg: string) => string = createRequire(import.meta.url).resolve): { backend: string; notes: string[] } {
  const notes: string[] = [];
  for (const [name, pkg] of CANDIDATES) {
    try {
      resolve(pkg);
      return { backend: name, notes: [...notes, `${pkg} is installed; the training run reports the backend that actually started`] };
    } catch {
      notes.push(`${name}: ${pkg} is not installed`);
    }
  }
  return { backend: 'none', notes };
}
