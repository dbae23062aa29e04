// `kiosk serve --headless`: the hub without any window. Prints one JSON line
// on stdout once listening (what scripts, tests and the launcher read);
// everything else goes to stderr. SIGINT / SIGTERM close it cleanly.
import { BACKEND_PREFERENCES, type BackendPreference } from '../hub/backend-preference.js';
import { startHub, type RunningHub, type StartHubOptions } from '../hub/start-hub.js';
import { UsageError } from './cli-error.js';
import { parseCliArgs } from './parse-cli-args.js';

const COMMAND = 'kiosk serve';

export function parseServeArgs(args: string[]): StartHubOptions {
  const { values, positionals } = parseCliArgs(COMMAND, args, {
    headless: { type: 'boolean' },
    port: { type: 'string' },
    host: { type: 'string' },
    'state-dir': { type: 'string' },
    model: { type: 'string' },
    backend: { type: 'string' },
  });
  if (positionals.length) throw new UsageError(`${COMMAND}: unexpected argument "${positionals[0]}"`);
  if (!values.headless) throw new UsageError(`${COMMAND}: only --headless is supported (use "kiosk start" for a window)`);
  const options: StartHubOptions = {};
  if (values.port !== undefined) {
    if (!/^\d{1,5}$/.test(values.port) || Number(values.port) > 65535) throw new UsageError(`${COMMAND}: --port must be a number from 0 to 65535, got "${values.port}"`);
    options.port = Number(values.port);
  }
  if (values.host !== undefined) options.host = nonEmpty('--host', values.host);
  if (values['state-dir'] !== undefined) options.stateDir = nonEmpty('--state-dir', values['state-dir']);
  if (values.model !== undefined) options.modelPath = nonEmpty('--model', values.model);
  if (values.backend !== undefined) {
    if (!(BACKEND_PREFERENCES as readonly string[]).includes(values.backend)) {
      throw new UsageError(`${COMMAND}: --backend must be one of ${BACKEND_PREFERENCES.join(', ')}, got "${values.backend}"`);
    }
    options.backend = values.backend as BackendPreference;
  }
  return options;
}

function nonEmpty(flag: string, value: string): string {
  if (!value.trim()) throw new UsageError(`${COMMAND}: ${flag} needs a value`);
  return value;
}

/** The line printed once listening. */
export function readyLine(hub: RunningHub): string {
  return JSON.stringify({
    displayUrl: hub.displayUrl,
    url: hub.url,
    host: hub.host,
    port: hub.port,
    backend: hub.backendName,
    model: hub.modelPath,
    snapshot: hub.snapshotId,
  });
}

export async function runServeCommand(args: string[]): Promise<number> {
  const hub = await startHub(parseServeArgs(args));
  process.stdout.write(readyLine(hub) + '\n');
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    const onSignal = (received: NodeJS.Signals): void => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      // A second signal while closing means "now": do not make anyone wait.
      process.once('SIGINT', () => process.exit(130));
      process.once('SIGTERM', () => process.exit(143));
      resolve(received);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
  process.stderr.write(`kiosk: ${signal}, closing the hub\n`);
  await hub.close();
  return 0;
}
