import { execFile } from 'node:child_process';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { mnistDataDir } from '../../main/mnist/load-mnist.js';

/** Debian's interpreter: python3-torch installs into it (a pyenv or venv python3 on PATH would not have torch). */
const PYTHON = process.env.BENCH_PYTHON ?? '/usr/bin/python3';
const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'pytorch-train.py');

export interface PytorchAnchor {
  readonly samplesPerS: number;
  readonly torch: string;
  readonly threads: number;
  readonly batches: number;
}

/**
 * The reference trainer's loop in PyTorch on this machine (tests/bench/pytorch-train.py),
 * or why it could not run: the figure is an anchor where PyTorch is installed, never a failure.
 */
export async function measurePytorchAnchor(batches = 400): Promise<PytorchAnchor | { readonly missing: string }> {
  try {
    await access(PYTHON);
  } catch {
    return { missing: `${PYTHON} not found` };
  }
  try {
    const { stdout } = await promisify(execFile)(PYTHON, [SCRIPT, '--mnist-dir', mnistDataDir(), '--batches', String(batches)], { timeout: 600_000 });
    const r = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as { samples_per_s?: number; torch?: string; threads?: number; batches?: number };
    if (typeof r.samples_per_s !== 'number') return { missing: `unexpected output: ${stdout.slice(0, 200)}` };
    return { samplesPerS: r.samples_per_s, torch: String(r.torch), threads: Number(r.threads), batches: Number(r.batches) };
  } catch (error) {
    const text = String((error as { stderr?: string }).stderr || error);
    return { missing: /No module named 'torch'/.test(text) ? 'python3-torch is not installed (apt-get install python3-torch)' : text.trim().split('\n').pop() ?? text };
  }
}
