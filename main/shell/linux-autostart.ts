// Launch at login on Linux: Electron's setLoginItemSettings does nothing
// there, so the kiosk writes (or removes) an XDG autostart entry itself:
// $XDG_CONFIG_HOME/autostart/mlp-kiosk.desktop, which desktop sessions
// (GNOME, KDE, XFCE, LXDE, ...) start at login.
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../model/write-file-atomic.js';

export const AUTOSTART_FILE = 'mlp-kiosk.desktop';

export function autostartDir(env: NodeJS.ProcessEnv, home: string): string {
  const config = env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.join(home, '.config');
  return path.join(config, 'autostart');
}

/** The Exec value: the program quoted as the Desktop Entry spec says, then escaped as a string value. */
export function desktopExec(executable: string): string {
  const quoted = `"${executable.replace(/(["`$\\])/g, '\\$1')}"`;
  return quoted.replace(/\\/g, '\\\\');
}

export function autostartEntry(executable: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=MLP Kiosk',
    'Comment=Starts the museum exhibit at login',
    `Exec=${desktopExec(executable)}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** Writes the entry when `enabled`, removes it otherwise. */
export async function syncLinuxAutostart(dir: string, enabled: boolean, executable: string): Promise<void> {
  const file = path.join(dir, AUTOSTART_FILE);
  if (!enabled) return rm(file, { force: true });
  await mkdir(dir, { recursive: true });
  await writeFileAtomic(file, autostartEntry(executable));
}
