import { describe, expect, it, vi } from 'vitest';
import { runStartCommand } from '../../../../main/cli/start-command.js';
import { HUB_FLAG_OPTIONS } from '../../../../main/cli/hub-flags.js';
import { START_HELP } from '../../../../main/launcher/start-help.js';
import { SHELL_KINDS } from '../../../../main/launcher/start-options.js';

describe('kiosk start --help', () => {
  it.each([['--help'], ['-h'], ['--port=1', '--help']])('%s prints the flags and starts nothing', async (...args) => {
    const out: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((text) => out.push(String(text)) > 0);
    try {
      expect(await runStartCommand(args)).toBe(0);
    } finally {
      write.mockRestore();
    }
    expect(out.join('')).toBe(`${START_HELP}\n`);
  });

  it('names every flag the launcher parses, every shell, and the environment it reads', () => {
    for (const flag of [...Object.keys(HUB_FLAG_OPTIONS), 'shell']) expect(START_HELP).toContain(`--${flag} `);
    expect(START_HELP).toContain(`--shell ${SHELL_KINDS.join('|')}`);
    for (const env of ['KIOSK_CHROMIUM=', 'KIOSK_CHROMIUM_ARGS=', 'ELECTRON_OVERRIDE_DIST_PATH=', 'DISPLAY']) expect(START_HELP).toContain(env);
  });
});
