import { describe, expect, it } from 'vitest';
import { chooseShell, describeChoice, type Probe, type ShellProbes } from '../../../../main/launcher/choose-shell.js';

const yes = (found: string): Probe => ({ ok: true, found });
const no = (reason: string): Probe => ({ ok: false, reason });
const probes = (electron: Probe, chromium: Probe, display: Probe): ShellProbes => ({ electron, chromium, display });

const electronOk = yes('/e/electron');
const electronMissing = no('binary not downloaded: node_modules/electron/path.txt is missing');
const chromiumOk = yes('/usr/bin/chromium');
const chromiumMissing = no('looked for Chromium, Chrome and Edge');
const screen = yes('X11 :0');
const noScreen = no('DISPLAY and WAYLAND_DISPLAY are unset');
const URL = 'http://127.0.0.1:8080/display/?k=1';

describe('chooseShell (automatic)', () => {
  it('takes Electron when it can start', () => {
    expect(chooseShell(probes(electronOk, chromiumOk, screen))).toEqual({ ok: true, choice: { shell: 'electron', executable: '/e/electron' } });
  });

  it('falls back to Chromium and says why', () => {
    const result = chooseShell(probes(electronMissing, chromiumOk, screen));
    expect(result).toEqual({
      ok: true,
      choice: { shell: 'chromium', executable: '/usr/bin/chromium', why: `Electron is not available (${electronMissing.ok ? '' : electronMissing.reason})` },
    });
    if (!result.ok) throw new Error('unreachable');
    expect(describeChoice(result.choice, URL)).toBe(
      `Electron is not available (binary not downloaded: node_modules/electron/path.txt is missing); opening the display in Chromium kiosk mode: ${URL}`,
    );
  });

  it('prints the URL when neither window can be opened', () => {
    const result = chooseShell(probes(electronMissing, chromiumMissing, screen));
    if (!result.ok || result.choice.shell !== 'url') throw new Error(`expected url, got ${JSON.stringify(result)}`);
    expect(describeChoice(result.choice, URL)).toBe(
      'Electron is not available (binary not downloaded: node_modules/electron/path.txt is missing) and no Chromium browser was found ' +
        `(looked for Chromium, Chrome and Edge); open the display in a browser: ${URL}`,
    );
  });

  it('prints the URL without a display, even when Electron and Chromium are there', () => {
    const result = chooseShell(probes(electronOk, chromiumOk, noScreen));
    if (!result.ok) throw new Error('unreachable');
    expect(describeChoice(result.choice, URL)).toBe(
      `No display to open a window on (DISPLAY and WAYLAND_DISPLAY are unset); open the display in a browser: ${URL}`,
    );
  });

  it('describes an Electron window on one line', () => {
    const line = describeChoice({ shell: 'electron', executable: '/e' }, URL);
    expect(line).toBe(`Showing the display in an Electron kiosk window: ${URL}`);
  });
});

describe('chooseShell (forced with --shell)', () => {
  it('url always works and needs no explanation', () => {
    const result = chooseShell(probes(electronOk, chromiumOk, screen), 'url');
    expect(result).toEqual({ ok: true, choice: { shell: 'url', why: null } });
    if (!result.ok) throw new Error('unreachable');
    expect(describeChoice(result.choice, URL)).toBe(`Open the display in a browser: ${URL}`);
  });

  it('chromium is taken over an available Electron', () => {
    const result = chooseShell(probes(electronOk, chromiumOk, screen), 'chromium');
    expect(result).toEqual({ ok: true, choice: { shell: 'chromium', executable: '/usr/bin/chromium', why: null } });
    if (!result.ok) throw new Error('unreachable');
    expect(describeChoice(result.choice, URL)).toBe(`Opening the display in Chromium kiosk mode: ${URL}`);
  });

  it('a forced shell that cannot start is an error, not a silent fallback', () => {
    expect(chooseShell(probes(electronMissing, chromiumOk, screen), 'electron')).toEqual({
      ok: false,
      error: 'Electron is not available (binary not downloaded: node_modules/electron/path.txt is missing)',
    });
    expect(chooseShell(probes(electronOk, chromiumMissing, screen), 'chromium')).toEqual({
      ok: false,
      error: 'no Chromium browser found (looked for Chromium, Chrome and Edge)',
    });
  });

  it('a forced window shell does not second-guess the display probe', () => {
    expect(chooseShell(probes(electronOk, chromiumOk, noScreen), 'electron')).toMatchObject({ ok: true, choice: { shell: 'electron' } });
    expect(chooseShell(probes(electronOk, chromiumOk, noScreen), 'chromium')).toMatchObject({ ok: true, choice: { shell: 'chromium' } });
  });
});
