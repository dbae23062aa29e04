// Where a Chromium-family browser lives on each platform. The candidate list
// is pure (platform + environment in, paths out); only `findChromium` looks
// at the file system, through the `isExecutable` it is given.
import path from 'node:path';
import type { Probe } from './choose-shell.js';

/** Set to a browser executable to skip the search (any Chromium-based browser). */
export const CHROMIUM_ENV = 'KIOSK_CHROMIUM';

const LINUX_NAMES = [
  'chromium',
  'chromium-browser',
  'google-chrome-stable',
  'google-chrome',
  'microsoft-edge-stable',
  'microsoft-edge',
];

/** Absolute paths to try, best first. */
export function chromiumCandidates(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  const candidates: string[] = [];
  if (platform === 'win32') {
    const p = path.win32;
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((r): r is string => !!r);
    for (const sub of ['Google\\Chrome\\Application\\chrome.exe', 'Microsoft\\Edge\\Application\\msedge.exe', 'Chromium\\Application\\chrome.exe']) {
      for (const root of roots) candidates.push(p.join(root, sub));
    }
  } else if (platform === 'darwin') {
    const apps = ['Google Chrome.app/Contents/MacOS/Google Chrome', 'Chromium.app/Contents/MacOS/Chromium', 'Microsoft Edge.app/Contents/MacOS/Microsoft Edge'];
    const dirs = ['/Applications', ...(env.HOME ? [path.posix.join(env.HOME, 'Applications')] : [])];
    for (const app of apps) for (const dir of dirs) candidates.push(path.posix.join(dir, app));
  } else {
    const dirs = (env.PATH ?? '').split(':').filter((d) => path.posix.isAbsolute(d));
    for (const name of LINUX_NAMES) for (const dir of dirs) candidates.push(path.posix.join(dir, name));
    candidates.push('/snap/bin/chromium');
  }
  return [...new Set(candidates)];
}

export function findChromium(
  platform: NodeJS.Platform,
  env: NodeJS.ProcessEnv,
  isExecutable: (file: string) => boolean,
): Probe {
  const override = env[CHROMIUM_ENV];
  if (override) {
    return isExecutable(override)
      ? { ok: true, found: override }
      : { ok: false, reason: `${CHROMIUM_ENV}=${override} is not an executable file` };
  }
  const found = chromiumCandidates(platform, env).find(isExecutable);
  if (found) return { ok: true, found };
  const hint = platform === 'linux' ? '; on Debian/Ubuntu: apt-get install -y chromium' : '';
  return { ok: false, reason: `looked for Chromium, Chrome and Edge; set ${CHROMIUM_ENV} to its path${hint}` };
}
