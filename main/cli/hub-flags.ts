// The hub's flags (--host, --port, --state-dir, --model, --snapshot, --backend, --language), shared by
// `kiosk serve`, `kiosk start` and the Electron main process: one parser, one
// set of messages, and one mapping to the hub's start options. Checked here, at
// the boundary; everything downstream trusts the typed result.
import { parseArgs } from 'node:util';
import { EXHIBIT_LANGUAGES, type ExhibitLanguage } from '../../app/contract/exhibit-language.js';
import { BACKEND_PREFERENCES, type BackendPreference } from '../hub/backend-preference.js';
import type { StartHubOptions } from '../hub/start-hub.js';
import { UsageError } from './cli-error.js';

/** The values --backend accepts (also for `kiosk model eval`: use parseBackendFlag). */
export { BACKEND_PREFERENCES, type BackendPreference };

/** node:util parseArgs options for the hub flags; commands spread their own next to them. */
export const HUB_FLAG_OPTIONS = {
  host: { type: 'string' },
  port: { type: 'string' },
  'state-dir': { type: 'string' },
  model: { type: 'string' },
  snapshot: { type: 'string' },
  backend: { type: 'string' },
  language: { type: 'string' },
} as const;

type HubFlagName = keyof typeof HUB_FLAG_OPTIONS;

/** The hub flags as given on a command line, checked. */
export interface HubFlags {
  host?: string;
  port?: number;
  stateDir?: string;
  model?: string;
  /** The snapshot shown when nobody has picked one (the operator's default; the model's last when absent). */
  snapshot?: string;
  backend?: BackendPreference;
  language?: ExhibitLanguage;
}

/** What the hub flags set of main/hub/start-hub.ts's options. */
export type HubFlagOptions = Pick<StartHubOptions, 'host' | 'port' | 'stateDir' | 'modelPath' | 'snapshotId' | 'backend' | 'portFallback' | 'language'>;

/** The exhibit's fixed port: paired tablets and their bookmarks find it again after a restart. */
export const EXHIBIT_PORT = 8421;

/**
 * Loopback serves this machine only; a wildcard also serves the LAN (pen
 * endpoints). A specific LAN address is refused: the display routes answer
 * loopback peers only, so the display URL on such an address could never load.
 */
const LOOPBACK_HOSTS = ['127.0.0.1', '::1', 'localhost'];
const WILDCARD_HOSTS = ['0.0.0.0', '::'];

/**
 * The hub flags among a command's parsed values (`parseArgs` with
 * HUB_FLAG_OPTIONS in its options). `command` starts every message, e.g.
 * "serve: --port must be ...".
 */
export function parseHubFlags(command: string, values: Partial<Record<HubFlagName, unknown>>): HubFlags {
  const flags: HubFlags = {};
  const text = (name: HubFlagName): string | undefined => {
    const value = values[name];
    if (value === undefined) return undefined;
    // Only a lenient parse (the Electron shell's) leaves a bare `--port` as `true`.
    if (typeof value !== 'string') throw new UsageError(`${command}: --${name} needs a value`);
    if (value.trim() === '') throw new UsageError(`${command}: --${name} must not be empty`);
    return value;
  };
  const host = text('host');
  if (host !== undefined) flags.host = parseHost(command, host);
  const port = text('port');
  if (port !== undefined) flags.port = parsePort(command, port);
  const stateDir = text('state-dir');
  if (stateDir !== undefined) flags.stateDir = stateDir;
  const model = text('model');
  if (model !== undefined) flags.model = model;
  const snapshot = text('snapshot');
  if (snapshot !== undefined) flags.snapshot = snapshot;
  const backend = text('backend');
  if (backend !== undefined) flags.backend = parseBackendFlag(command, backend);
  const language = text('language');
  if (language !== undefined) flags.language = parseLanguage(command, language);
  return flags;
}

/**
 * Hub flags from the Electron main process's command line, which also carries
 * arguments meant for someone else (Electron passes Chromium's own switches
 * through), so unknown arguments are ignored here.
 */
export function parseShellHubFlags(args: string[]): HubFlags {
  const { values } = parseArgs({ args, options: HUB_FLAG_OPTIONS, strict: false, allowPositionals: true });
  return parseHubFlags('mlp-kiosk', values);
}

/** The one mapping from the flags to the hub's start options. */
export function hubOptionsOf(flags: HubFlags): HubFlagOptions {
  return { host: flags.host, port: flags.port, stateDir: flags.stateDir, modelPath: flags.model, snapshotId: flags.snapshot, backend: flags.backend, language: flags.language };
}

/**
 * `kiosk start` and the Electron shell run the exhibit, whose tablets pair
 * over the LAN: without flags the hub serves 0.0.0.0 on EXHIBIT_PORT, and
 * when that port is taken it takes a free one with a warning rather than
 * leave the wall dark. An explicit --port is kept to (no fallback), and
 * --host 127.0.0.1 keeps the exhibit to this machine. `kiosk serve` (tools,
 * tests) keeps hubOptionsOf's defaults: loopback, any free port.
 */
export function exhibitHubOptionsOf(flags: HubFlags): HubFlagOptions {
  return { ...hubOptionsOf(flags), host: flags.host ?? '0.0.0.0', port: flags.port ?? EXHIBIT_PORT, portFallback: flags.port === undefined };
}

/** The same flags back as arguments, `--name=value` so that no value is mistaken for a positional. */
export function hubFlagsToArgs(flags: HubFlags): string[] {
  const args: string[] = [];
  if (flags.port !== undefined) args.push(`--port=${flags.port}`);
  if (flags.host !== undefined) args.push(`--host=${flags.host}`);
  if (flags.stateDir !== undefined) args.push(`--state-dir=${flags.stateDir}`);
  if (flags.model !== undefined) args.push(`--model=${flags.model}`);
  if (flags.snapshot !== undefined) args.push(`--snapshot=${flags.snapshot}`);
  if (flags.backend !== undefined) args.push(`--backend=${flags.backend}`);
  if (flags.language !== undefined) args.push(`--language=${flags.language}`);
  return args;
}

export function parseBackendFlag(command: string, text: string): BackendPreference {
  const backend = BACKEND_PREFERENCES.find((b) => b === text);
  if (!backend) throw new UsageError(`${command}: --backend must be one of ${BACKEND_PREFERENCES.join(', ')}, got "${text}"`);
  return backend;
}

function parsePort(command: string, text: string): number {
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(port >= 0 && port <= 65535)) {
    throw new UsageError(`${command}: --port must be a whole number from 0 to 65535 (0 picks a free port), got "${text}"`);
  }
  return port;
}

function parseHost(command: string, text: string): string {
  const host = text.toLowerCase();
  if (LOOPBACK_HOSTS.includes(host) || WILDCARD_HOSTS.includes(host)) return host;
  throw new UsageError(
    `${command}: --host must be ${[...LOOPBACK_HOSTS, ...WILDCARD_HOSTS].join(', ')}, got "${text}" ` +
      '(the display only opens on this machine; use --host 0.0.0.0 to also serve the LAN)',
  );
}

function parseLanguage(command: string, text: string): ExhibitLanguage {
  const language = EXHIBIT_LANGUAGES.find((l) => l === text.toLowerCase());
  if (!language) throw new UsageError(`${command}: --language must be one of ${EXHIBIT_LANGUAGES.join(', ')}, got "${text}"`);
  return language;
}
