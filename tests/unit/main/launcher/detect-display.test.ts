import { describe, expect, it } from 'vitest';
import { detectDisplay } from '../../../../main/launcher/detect-display.js';

describe('detectDisplay', () => {
  it('needs X11 or Wayland on Linux', () => {
    expect(detectDisplay('linux', {})).toEqual({ ok: false, reason: 'DISPLAY and WAYLAND_DISPLAY are unset' });
    expect(detectDisplay('linux', { DISPLAY: ':99' })).toEqual({ ok: true, found: 'X11 :99' });
    expect(detectDisplay('linux', { WAYLAND_DISPLAY: 'wayland-0' })).toEqual({ ok: true, found: 'Wayland wayland-0' });
    expect(detectDisplay('freebsd', {})).toMatchObject({ ok: false });
  });

  it('treats an empty DISPLAY as none', () => {
    expect(detectDisplay('linux', { DISPLAY: '' })).toMatchObject({ ok: false });
  });

  it('assumes a screen on Windows and macOS', () => {
    expect(detectDisplay('win32', {})).toMatchObject({ ok: true });
    expect(detectDisplay('darwin', {})).toMatchObject({ ok: true });
  });
});
