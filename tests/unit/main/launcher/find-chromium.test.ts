import { describe, expect, it } from 'vitest';
import { chromiumCandidates, findChromium } from '../../../../main/launcher/find-chromium.js';

describe('chromiumCandidates', () => {
  it('searches PATH for the Linux names, Chromium first', () => {
    const list = chromiumCandidates('linux', { PATH: '/usr/local/bin:/usr/bin:relative/bin' });
    expect(list[0]).toBe('/usr/local/bin/chromium');
    expect(list).toContain('/usr/bin/chromium-browser');
    expect(list).toContain('/usr/bin/google-chrome');
    expect(list).toContain('/usr/bin/microsoft-edge');
    expect(list.at(-1)).toBe('/snap/bin/chromium');
    expect(list.some((p) => p.startsWith('relative'))).toBe(false);
  });

  it('looks in Program Files and LocalAppData on Windows', () => {
    const list = chromiumCandidates('win32', {
      PROGRAMFILES: 'C:\\Program Files',
      'PROGRAMFILES(X86)': 'C:\\Program Files (x86)',
      LOCALAPPDATA: 'C:\\Users\\kiosk\\AppData\\Local',
    });
    expect(list[0]).toBe('C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe');
    expect(list).toContain('C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe');
    expect(list).toContain('C:\\Users\\kiosk\\AppData\\Local\\Chromium\\Application\\chrome.exe');
  });

  it('looks in /Applications and ~/Applications on macOS', () => {
    const list = chromiumCandidates('darwin', { HOME: '/Users/kiosk' });
    expect(list[0]).toBe('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
    expect(list).toContain('/Users/kiosk/Applications/Chromium.app/Contents/MacOS/Chromium');
    expect(list).toContain('/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge');
  });
});

describe('findChromium', () => {
  it('returns the first executable candidate', () => {
    const present = new Set(['/usr/bin/google-chrome', '/usr/bin/chromium']);
    expect(findChromium('linux', { PATH: '/usr/bin' }, (f) => present.has(f))).toEqual({ ok: true, found: '/usr/bin/chromium' });
  });

  it('honours KIOSK_CHROMIUM and says when it is wrong', () => {
    expect(findChromium('linux', { KIOSK_CHROMIUM: '/opt/c/chrome' }, (f) => f === '/opt/c/chrome')).toEqual({ ok: true, found: '/opt/c/chrome' });
    expect(findChromium('linux', { KIOSK_CHROMIUM: '/nope', PATH: '/usr/bin' }, () => false)).toEqual({
      ok: false,
      reason: 'KIOSK_CHROMIUM=/nope is not an executable file',
    });
  });

  it('tells a Debian user how to get one', () => {
    const result = findChromium('linux', { PATH: '/usr/bin' }, () => false);
    expect(result).toEqual({ ok: false, reason: expect.stringContaining('apt-get install -y chromium') as unknown as string });
  });
});
