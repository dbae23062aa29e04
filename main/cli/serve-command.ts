// `kiosk serve --headless`: the hub without any window. Prints one JSON line
// on stdout once listening (what scripts, tests and the launcher read);
// everything else goes to stderr. SIGINT / SIGTERM close it cleanly.
import { startHub, type RunningHub } from '../hub/start-hub.js';
import { UsageError } from './cli-error.js';
import { HUB_FLAG_OPTIONS, hubOptionsOf, parseHubFlags, type HubFlagOptions } from './hub-flags.js';
import { parseCliArgs } from './parse-cli-args.js';

/** The dispatcher (kiosk.ts) prints "kiosk: " before this. */
const COMMAND = 'serve';

export function parseServeArgs(args: string[]): HubFlagOptions {
  const { values, positionals } = parseCliArgs(COMMAND, args, { ...HUB_FLAG_OPTIONS, headless: { type: 'boolean' } });
  if (positionals.length) throw new UsageError(`${COMMAND}: unexpected argument "${positionals[0]}"`);
  if (!values.headless) throw new UsageError(`${COMMAND}: only --headless is supported (use "kiosk start" for a window)`);
  return hubOptionsOf(parseHubFlags(COMMAND, values));
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
