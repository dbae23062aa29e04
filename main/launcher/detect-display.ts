// Is there a screen to open a window on? Windows and macOS always have one for
// a logged-in user; elsewhere (Linux, the BSDs) a window needs an X11 or
// Wayland session, which is what SSH sessions and CI machines lack.
import type { Probe } from './choose-shell.js';

export function detectDisplay(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): Probe {
  if (platform === 'win32' || platform === 'darwin') return { ok: true, found: platform };
  if (env.WAYLAND_DISPLAY) return { ok: true, found: `Wayland ${env.WAYLAND_DISPLAY}` };
  if (env.DISPLAY) return { ok: true, found: `X11 ${env.DISPLAY}` };
  return { ok: false, reason: 'DISPLAY and WAYLAND_DISPLAY are unset' };
}
