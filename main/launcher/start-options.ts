// Flags of `kiosk start`: the hub flags (main/cli/hub-flags.ts, which the
// launcher passes on to the Electron shell) and --shell. Checked here, at the
// boundary; everything downstream trusts the typed result.
import { UsageError } from '../cli/cli-error.js';
import { HUB_FLAG_OPTIONS, parseHubFlags, type HubFlags } from '../cli/hub-flags.js';
import { parseCliArgs } from '../cli/parse-cli-args.js';

export const SHELL_KINDS = ['electron', 'chromium', 'url'] as const;
export type ShellKind = (typeof SHELL_KINDS)[number];

export interface StartOptions extends HubFlags {
  /** Forced shell; undefined means "the best one that can start here". */
  shell?: ShellKind;
}

/** The dispatcher (main/cli/kiosk.ts) prints "kiosk: " before this. */
const COMMAND = 'start';

/** `kiosk start` arguments; anything unknown is a usage error. */
export function parseStartArgs(args: string[]): StartOptions {
  const { values, positionals } = parseCliArgs(COMMAND, args, { ...HUB_FLAG_OPTIONS, shell: { type: 'string' } });
  if (positionals.length) throw new UsageError(`${COMMAND}: unexpected argument "${positionals[0]}"`);
  const options: StartOptions = parseHubFlags(COMMAND, values);
  if (values.shell !== undefined) options.shell = parseShellKind(values.shell);
  return options;
}

function parseShellKind(text: string): ShellKind {
  const kind = SHELL_KINDS.find((k) => k === text);
  if (!kind) throw new UsageError(`${COMMAND}: --shell must be one of ${SHELL_KINDS.join(', ')}, got "${text}"`);
  return kind;
}
