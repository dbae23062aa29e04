import { describe, expect, it } from 'vitest';
import {
  BACKEND_PREFERENCES,
  hubFlagsToArgs,
  hubOptionsOf,
  parseBackendFlag,
  parseShellHubFlags,
} from '../../../../main/cli/hub-flags.js';
import { parseServeArgs } from '../../../../main/cli/serve-command.js';
import { parseStartArgs } from '../../../../main/launcher/start-options.js';

/** The message a parser throws, or null when it accepts the arguments. */
function messageOf(parse: () => unknown): string | null {
  try {
    parse();
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

describe('parseShellHubFlags (the Electron main process)', () => {
  it('ignores Chromium switches and positionals that Electron passes through', () => {
    expect(parseShellHubFlags(['--no-sandbox', '--enable-logging', '--port=8080', 'some-arg', '--model=/m.json'])).toEqual({ port: 8080, model: '/m.json' });
  });

  it('round-trips through hubFlagsToArgs', () => {
    const flags = { port: 0, host: '127.0.0.1', stateDir: '/a dir/with spaces', model: '/m/a.onnx', snapshot: 'dataset_1x', backend: 'ort' as const, language: 'de' as const };
    expect(parseShellHubFlags(hubFlagsToArgs(flags))).toEqual(flags);
    expect(hubFlagsToArgs({})).toEqual([]);
  });

  it('a hub flag without its value is an error, not silently dropped', () => {
    expect(() => parseShellHubFlags(['--port'])).toThrow(/^mlp-kiosk: --port needs a value$/);
  });
});

describe('the hub flags are checked alike by kiosk serve, kiosk start and the Electron shell', () => {
  const parsers = {
    serve: (flags: string[]) => parseServeArgs(['--headless', ...flags]),
    start: (flags: string[]) => parseStartArgs(flags),
    'mlp-kiosk': (flags: string[]) => parseShellHubFlags(flags),
  };

  it.each([
    [['--port', 'eighty'], '--port must be a whole number from 0 to 65535 (0 picks a free port), got "eighty"'],
    [['--port', '70000'], '--port must be a whole number from 0 to 65535 (0 picks a free port), got "70000"'],
    [['--port', '-1'], '--port must be a whole number from 0 to 65535 (0 picks a free port), got "-1"'],
    [['--backend', 'gpu'], '--backend must be one of auto, ort, js, got "gpu"'],
    [['--language', 'fr'], '--language must be one of en, de, got "fr"'],
    [['--host', ''], '--host must not be empty'],
    [['--model', ' '], '--model must not be empty'],
    [['--state-dir', ''], '--state-dir must not be empty'],
    [
      ['--host', '192.168.1.20'],
      '--host must be 127.0.0.1, ::1, localhost, 0.0.0.0, ::, got "192.168.1.20" (the display only opens on this machine; use --host 0.0.0.0 to also serve the LAN)',
    ],
  ])('%j: one message, prefixed by the command', (flags, message) => {
    // `--name=value` so that the lenient Electron parse reads "-1" as a value too.
    const args = [`${flags[0]}=${flags[1]}`];
    for (const [command, parse] of Object.entries(parsers)) {
      expect(messageOf(() => parse(args))).toBe(`${command}: ${message}`);
    }
  });

  it.each(['127.0.0.1', '::1', 'localhost', 'LocalHost', '0.0.0.0', '::'])('--host %s (loopback or a wildcard) is accepted', (host) => {
    for (const parse of Object.values(parsers)) expect(messageOf(() => parse([`--host=${host}`]))).toBeNull();
    expect(parseStartArgs(['--host', host]).host).toBe(host.toLowerCase());
  });

  it.each(['192.168.1.20', '10.0.0.5', 'fe80::1', 'kiosk.local', '127.0.0.1:8080', '[::1]'])('--host %s (a specific address) is refused', (host) => {
    for (const parse of Object.values(parsers)) expect(messageOf(() => parse([`--host=${host}`]))).toMatch(/use --host 0\.0\.0\.0 to also serve the LAN\)$/);
  });
});

describe('hubOptionsOf: the one mapping from flags to the hub options', () => {
  it('renames --model to modelPath, --snapshot to snapshotId and passes the rest as they are', () => {
    expect(hubOptionsOf({ host: '::', port: 0, stateDir: '/s', model: '/m.onnx', snapshot: 'approx_1k', backend: 'js', language: 'de' })).toEqual({
      host: '::',
      port: 0,
      stateDir: '/s',
      modelPath: '/m.onnx',
      snapshotId: 'approx_1k',
      backend: 'js',
      language: 'de',
    });
    expect(hubOptionsOf({})).toEqual({});
  });
});

describe('parseBackendFlag', () => {
  it('accepts exactly BACKEND_PREFERENCES', () => {
    expect(BACKEND_PREFERENCES).toEqual(['auto', 'ort', 'js']);
    for (const b of BACKEND_PREFERENCES) expect(parseBackendFlag('model eval', b)).toBe(b);
    expect(() => parseBackendFlag('model eval', 'cuda')).toThrow(/^model eval: --backend must be one of auto, ort, js, got "cuda"$/);
  });
});
