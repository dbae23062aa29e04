import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseXdpyinfoSize, x11ScreenSize } from '../../../../main/launcher/x11-screen-size.js';

describe('X screen size', () => {
  it('parses xdpyinfo output', () => {
    expect(parseXdpyinfoSize('screen #0:\n  dimensions:    1920x1080 pixels (508x285 millimeters)\n')).toEqual({ width: 1920, height: 1080 });
    expect(parseXdpyinfoSize('xdpyinfo:  unable to open display ":9".')).toBeUndefined();
  });

  it('reads a real Xvfb screen, and is undefined for a display that does not exist', async () => {
    const xvfb = spawn('Xvfb', ['-displayfd', '1', '-screen', '0', '1024x600x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'pipe', 'ignore'] });
    try {
      const display = await new Promise<string>((resolve, reject) => {
        xvfb.stdout.once('data', (d: Buffer) => resolve(`:${d.toString().trim()}`));
        xvfb.once('error', () => reject(new Error('this test needs Xvfb and xdpyinfo: apt-get install -y xvfb x11-utils (or run .ci/run)')));
      });
      expect(await x11ScreenSize(display)).toEqual({ width: 1024, height: 600 });
      expect(await x11ScreenSize(':4242')).toBeUndefined();
    } finally {
      xvfb.kill('SIGTERM');
    }
  });
});
