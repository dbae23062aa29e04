import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mnistDataDir } from '../../../../main/mnist/load-mnist.js';
import { runKiosk, type KioskRun } from '../../../helpers/run-kiosk.js';

const work = mkdtempSync(path.join(os.tmpdir(), 'kiosk-train-errors-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// Small real runs on the wasm backend: 1,000 training and 200 test images.
const SMALL = ['--device', 'wasm', '--epochs', '2', '--hidden-dims', '32,16', '--train-limit', '1000', '--test-limit', '200', '--seed', '3'];

function expectOneLineError(run: KioskRun, code: number, pattern: RegExp): void {
  expect(run.code, run.stderr).toBe(code);
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^kiosk: /);
  expect(lines[0]).toMatch(pattern);
}

describe('kiosk train: bad input gets one clear line (real CLI process)', () => {
  it.each([
    [['--lr', 'fast'], /^kiosk: train: --lr must be a number above 0 and at most 10, got "fast"$/],
    [['--device', 'gpu'], /^kiosk: train: --device must be one of auto, cpu, wasm, node, node-gpu, got "gpu"$/],
    [['--hidden-dims', '128,x'], /^kiosk: train: --hidden-dims must be/],
    [['--epochs', '0'], /^kiosk: train: --epochs must be a whole number from 1/],
    [['--export-path', 'model.onnx'], /^kiosk: train: --export-path must name a \.json manifest file/],
    [['--learning-rate', '1'], /^kiosk: train: Unknown option '--learning-rate'/],
    [['--epochs'], /^kiosk: train: Option '--epochs <value>' argument missing/],
    [['mnist'], /^kiosk: train: unexpected argument "mnist"/],
    [['--resume', '--repeat', '2'], /^kiosk: train: --resume cannot be combined with --repeat/],
  ])('%j', async (args, pattern) => {
    expectOneLineError(await runKiosk(['train', ...args]), 2, pattern);
  });

  it('a missing MNIST folder', async () => {
    expectOneLineError(await runKiosk(['train', '--mnist-dir', path.join(work, 'no-such-dir')]), 2, /--mnist-dir .*no-such-dir is not a folder/);
  });

  it('MNIST files with a wrong magic number or cut short', async () => {
    const dir = path.join(work, 'bad-mnist');
    mkdirSync(dir);
    for (const f of ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-labels-idx1-ubyte']) symlinkSync(path.join(mnistDataDir(), f), path.join(dir, f));
    const images = readFileSync(path.join(mnistDataDir(), 't10k-images-idx3-ubyte'));
    const swapped = Buffer.from(images);
    swapped.writeUInt32BE(0x00000801, 0); // a labels file's magic
    writeFileSync(path.join(dir, 't10k-images-idx3-ubyte'), swapped);
    expectOneLineError(await runKiosk(['train', '--mnist-dir', dir, ...SMALL]), 1, /t10k-images-idx3-ubyte: magic number 0x00000801 is not 0x00000803/);
    writeFileSync(path.join(dir, 't10k-images-idx3-ubyte'), images.subarray(0, images.length - 1000));
    expectOneLineError(await runKiosk(['train', '--mnist-dir', dir, ...SMALL]), 1, /t10k-images-idx3-ubyte: is \d+ bytes but its header promises 10000 images .*: truncated/);
  });

  it('a subset larger than MNIST', async () => {
    expectOneLineError(await runKiosk(['train', '--device', 'wasm', '--train-limit', '70000']), 2, /--train-limit 70000 is more than the 60,000 training images/);
  });

  it('an export path through a file fails before training', async () => {
    const file = path.join(work, 'plain-file');
    writeFileSync(file, 'x');
    const run = await runKiosk(['train', ...SMALL, '--export-path', path.join(file, 'm.json')]);
    expectOneLineError(run, 1, /cannot write the export .*plain-file.*m\.json: a file stands where a folder is needed/);
    expect(run.stdout).not.toContain('[Timeline]');
  });

  it('--resume with nothing to resume', async () => {
    expectOneLineError(await runKiosk(['train', ...SMALL, '--resume', '--export-path', path.join(work, 'none', 'm.json')]), 1, /no checkpoint to resume at .*m\.checkpoint/);
  });
});

describe('kiosk train --help', () => {
  it('lists every option; kiosk --help lists the command', async () => {
    const help = await runKiosk(['train', '--help']);
    expect(help.code).toBe(0);
    for (const flag of ['--epochs', '--hidden-dims', '--batch-size', '--lr', '--seed', '--export-path', '--device', '--skip-train', '--resume', '--repeat', '--train-limit', '--test-limit', '--mnist-dir']) {
      expect(help.stdout).toContain(`  ${flag} `);
    }
    expect((await runKiosk(['--help'])).stdout).toContain('kiosk train [--epochs 50] [--hidden-dims 128,64]');
  });
});
