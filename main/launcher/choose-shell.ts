// Which window shows the exhibit: pure, from what the probes found, so every
// combination is testable without Electron, Chromium or a screen.
import type { ShellKind } from './start-options.js';

/** What a probe found: the executable to run (or the display's name), or why not. */
export type Probe = { ok: true; found: string } | { ok: false; reason: string };

export interface ShellProbes {
  electron: Probe;
  chromium: Probe;
  display: Probe;
}

export type ShellChoice =
  | { shell: 'electron'; executable: string }
  | { shell: 'chromium'; executable: string; why: string | null }
  | { shell: 'url'; why: string | null };

export type ChooseResult = { ok: true; choice: ShellChoice } | { ok: false; error: string };

/**
 * Electron when it can start, else Chromium in kiosk mode, else the URL. A
 * forced shell is taken as is, but one that cannot start is an error rather
 * than a silent fallback: whoever forced it wants to know.
 */
export function chooseShell(probes: ShellProbes, forced?: ShellKind): ChooseResult {
  const { electron, chromium, display } = probes;
  switch (forced) {
    case 'url':
      return { ok: true, choice: { shell: 'url', why: null } };
    case 'electron':
      if (!electron.ok) return { ok: false, error: `Electron is not available (${electron.reason})` };
      return { ok: true, choice: { shell: 'electron', executable: electron.found } };
    case 'chromium':
      if (!chromium.ok) return { ok: false, error: `no Chromium browser found (${chromium.reason})` };
      return { ok: true, choice: { shell: 'chromium', executable: chromium.found, why: null } };
    case undefined:
      break;
  }
  if (!display.ok) return { ok: true, choice: { shell: 'url', why: `No display to open a window on (${display.reason})` } };
  if (electron.ok) return { ok: true, choice: { shell: 'electron', executable: electron.found } };
  const noElectron = `Electron is not available (${electron.reason})`;
  if (chromium.ok) return { ok: true, choice: { shell: 'chromium', executable: chromium.found, why: noElectron } };
  return { ok: true, choice: { shell: 'url', why: `${noElectron} and no Chromium browser was found (${chromium.reason})` } };
}

/** The one line `kiosk start` prints once the display URL is known. */
export function describeChoice(choice: ShellChoice, displayUrl: string): string {
  switch (choice.shell) {
    case 'electron':
      return `Showing the display in an Electron kiosk window: ${displayUrl}`;
    case 'chromium':
      return `${choice.why ? `${choice.why}; opening` : 'Opening'} the display in Chromium kiosk mode: ${displayUrl}`;
    case 'url':
      return `${choice.why ? `${choice.why}; open` : 'Open'} the display in a browser: ${displayUrl}`;
  }
}
