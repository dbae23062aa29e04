import { describe, expect, it } from 'vitest';
import { parseStartArgs } from '../../../../main/launcher/start-options.js';

describe('parseStartArgs', () => {
  it('reads every flag', () => {
    expect(parseStartArgs(['--shell', 'url', '--port', '0', '--host', '0.0.0.0', '--state-dir', '/s', '--model=/m/x.json', '--backend', 'js'])).toEqual({
      shell: 'url',
      port: 0,
      host: '0.0.0.0',
      stateDir: '/s',
      model: '/m/x.json',
      backend: 'js',
    });
    expect(parseStartArgs([])).toEqual({});
  });

  it('rejects what it does not know, in one line', () => {
    expect(() => parseStartArgs(['--shell', 'firefox'])).toThrow(/^start: --shell must be one of electron, chromium, url, got "firefox"$/);
    expect(() => parseStartArgs(['--backend', 'cuda'])).toThrow(/^start: --backend must be one of auto, ort, js, got "cuda"$/);
    expect(() => parseStartArgs(['--port', '70000'])).toThrow(/--port must be a whole number from 0 to 65535/);
    expect(() => parseStartArgs(['--port', '12abc'])).toThrow(/--port/);
    expect(() => parseStartArgs(['--fullscreen'])).toThrow(/^start: Unknown option '--fullscreen'/);
    expect(() => parseStartArgs(['extra'])).toThrow(/^start: unexpected argument "extra"$/);
    expect(() => parseStartArgs(['--state-dir', ' '])).toThrow(/^start: --state-dir must not be empty$/);
  });

  it('errors are usage errors (exit code 2)', () => {
    try {
      parseStartArgs(['--bogus']);
      expect.unreachable();
    } catch (error) {
      expect((error as Error).name).toBe('UsageError');
    }
  });
});
