// Flags of `kiosk start`, and the hub flags the Electron shell accepts too
// (the launcher passes them through to it). Checked here, at the boundary;
// everything downstream trusts the typed result.
import { parseArgs } from 'node:util';
import { UsageError } from '../cli/cli-error.js';
import { BACKEND_PREFERENCES, type BackendPreference } from '../hub/backend-preference.js';

export const SHELL_KINDS = ['electron', 'chromium', 'url'] as const;
export type ShellKind = (typeof SHELL_KINDS)[number];

/** What the hub is started with, wherever it runs (launcher or Electron main process). */
export interface HubFlags {
  port?: number;
  host?: string;
  stateDir?: string;
  model?: string;
  backend?: BackendPreference;
}

export interface StartOptions extends HubFlags {
  /** Forced shell; undefined means "the best one that can start here". */
  shell?: ShellKind;
}

const hubFlagSpec = {
  port: { type: 'string' },
  host: { type: 'string' },
  'state-dir': { type: 'string' },
  model: { type: 'string' },
  backend: { type: 'string' },
} as const;

/** `kiosk start` arguments; anything unknown is a usage error. */
export function parseStartArgs(args: string[]): StartOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: { ...hubFlagSpec, shell: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(`kiosk start: ${error instanceof Error ? error.message : String(error)}`);
  }
  const options: StartOptions = toHubFlags(values, 'kiosk start');
  if (values.shell !== undefined) options.shell = parseShellKind(values.shell);
  return options;
}

/**
 * Hub flags from a command line that also carries arguments meant for someone
 * else (Electron passes Chromium's own switches through to the main process),
 * so unknown arguments are ignored here.
 */
export function parseHubFlags(args: string[]): HubFlags {
  const { values } = parseArgs({ args, options: hubFlagSpec, strict: false, allowPositionals: true });
  const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
  return toHubFlags(
    { port: str(values.port), host: str(values.host), 'state-dir': str(values['state-dir']), model: str(values.model), backend: str(values.backend) },
    'mlp-kiosk',
  );
}

/** The same flags back as arguments, `--name=value` so that no value is mistaken for a positional. */
export function hubFlagsToArgs(flags: HubFlags): string[] {
  const args: string[] = [];
  if (flags.port !== undefined) args.push(`--port=${flags.port}`);
  if (flags.host !== undefined) args.push(`--host=${flags.host}`);
  if (flags.stateDir !== undefined) args.push(`--state-dir=${flags.stateDir}`);
  if (flags.model !== undefined) args.push(`--model=${flags.model}`);
  if (flags.backend !== undefined) args.push(`--backend=${flags.backend}`);
  return args;
}

function toHubFlags(
  values: { port?: string | undefined; host?: string | undefined; 'state-dir'?: string | undefined; model?: string | undefined; backend?: string | undefined },
  command: string,
): HubFlags {
  const flags: HubFlags = {};
  if (values.port !== undefined) flags.port = parsePort(values.port, command);
  if (values.host !== undefined) flags.host = nonEmpty(values.host, '--host', command);
  if (values['state-dir'] !== undefined) flags.stateDir = nonEmpty(values['state-dir'], '--state-dir', command);
  if (values.model !== undefined) flags.model = nonEmpty(values.model, '--model', command);
  if (values.backend !== undefined) flags.backend = parseBackend(values.backend, command);
  return flags;
}

function parsePort(text: string, command: string): number {
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(port >= 0 && port <= 65535)) {
    throw new UsageError(`${command}: --port must be a whole number from 0 to 65535 (0 picks a free port), got "${text}"`);
  }
  return port;
}

function nonEmpty(text: string, flag: string, command: string): string {
  if (text.trim() === '') throw new UsageError(`${command}: ${flag} must not be empty`);
  return text;
}

function parseBackend(text: string, command: string): BackendPreference {
  const backend = BACKEND_PREFERENCES.find((b) => b === text);
  if (!backend) throw new UsageError(`${command}: --backend must be one of ${BACKEND_PREFERENCES.join(', ')}, got "${text}"`);
  return backend;
}

function parseShellKind(text: string): ShellKind {
  const kind = SHELL_KINDS.find((k) => k === text);
  if (!kind) throw new UsageError(`kiosk start: --shell must be one of ${SHELL_KINDS.join(', ')}, got "${text}"`);
  return kind;
}
