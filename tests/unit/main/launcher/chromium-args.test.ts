import { describe, expect, it } from 'vitest';
import { chromiumKioskArgs, splitExtraArgs } from '../../../../main/launcher/chromium-args.js';

describe('chromiumKioskArgs', () => {
  const base = { url: 'http://127.0.0.1:1/display/', profileDir: '/state/chromium-profile', platform: 'linux' as const, runningAsRoot: false };

  it('opens the URL last, in kiosk mode, with a fresh profile and no desktop-browser chrome', () => {
    const args = chromiumKioskArgs(base);
    expect(args.at(-1)).toBe(base.url);
    expect(args).toEqual(
      expect.arrayContaining([
        '--kiosk',
        '--user-data-dir=/state/chromium-profile',
        '--no-first-run',
        '--no-default-browser-check',
        '--disable-background-networking',
        '--disable-component-update',
        '--noerrdialogs',
        '--disable-session-crashed-bubble',
        '--password-store=basic',
        '--enable-unsafe-swiftshader',
      ]),
    );
    expect(args.find((a) => a.startsWith('--disable-features='))).toContain('Translate');
    expect(args).not.toContain('--no-sandbox');
  });

  it('turns the sandbox off only as root, and adds extra flags before the URL', () => {
    const args = chromiumKioskArgs({ ...base, runningAsRoot: true, extra: ['--remote-debugging-port=0'] });
    expect(args).toContain('--no-sandbox');
    expect(args.slice(-2)).toEqual(['--remote-debugging-port=0', base.url]);
  });

  it('places and sizes the window to the screen when its size is known (bare X servers have no window manager)', () => {
    const args = chromiumKioskArgs({ ...base, screen: { width: 1920, height: 1080 } });
    expect(args).toEqual(expect.arrayContaining(['--window-position=0,0', '--window-size=1920,1080']));
    expect(chromiumKioskArgs(base).some((a) => a.startsWith('--window-size'))).toBe(false);
  });

  it('uses the platform-specific keychain switch', () => {
    expect(chromiumKioskArgs({ ...base, platform: 'darwin' })).toContain('--use-mock-keychain');
    expect(chromiumKioskArgs({ ...base, platform: 'win32' })).not.toContain('--password-store=basic');
  });
});

describe('splitExtraArgs', () => {
  it('splits on white space and drops empties', () => {
    expect(splitExtraArgs(undefined)).toEqual([]);
    expect(splitExtraArgs('  --a=1   --b ')).toEqual(['--a=1', '--b']);
  });
});
