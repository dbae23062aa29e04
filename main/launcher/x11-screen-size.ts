import { execFile } from 'node:child_process';

export interface ScreenSize {
  readonly width: number;
  readonly height: number;
}

/** "dimensions:    1920x1080 pixels (508x285 millimeters)" in xdpyinfo's output. */
export function parseXdpyinfoSize(text: string): ScreenSize | undefined {
  const match = /dimensions:\s+(\d+)x(\d+) pixels/.exec(text);
  if (!match) return undefined;
  const width = Number(match[1]);
  const height = Number(match[2]);
  return width > 0 && height > 0 ? { width, height } : undefined;
}

/**
 * The X screen's size, when xdpyinfo can tell (undefined otherwise). Many
 * Linux kiosks run a bare X server with no window manager, where Chromium's
 * --kiosk window keeps its default size; telling it the screen's size makes
 * the display cover the screen there too.
 */
export function x11ScreenSize(display: string, timeoutMs = 3000): Promise<ScreenSize | undefined> {
  return new Promise((resolve) => {
    execFile('xdpyinfo', ['-display', display], { timeout: timeoutMs }, (error, stdout) => {
      resolve(error ? undefined : parseXdpyinfoSize(stdout));
    });
  });
}
