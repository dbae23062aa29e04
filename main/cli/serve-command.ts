// `kiosk serve --headless`: the hub without any window. Prints one JSON line
// on stdout once listening (what scripts, tests and the launcher read);
// everything else goes to stderr. SIGINT / SIGTERM / SIGHUP close it cleanly,
// with the same rules as `kiosk start` (main/launcher/wait-for-stop.ts).
import { startHub, type RunningHub } from '../hub/start-hub.js';
import { waitForStop } from '../launcher/wait-for-stop.js';
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
  const pairing = hub.pairing();
  return JSON.stringify({
    displayUrl: hub.displayUrl,
    url: hub.url,
    host: hub.host,
    port: hub.port,
    backend: hub.backendName,
    // Why a better execution provider (CUDA, DirectML, CoreML) was not used, if one was skipped.
    backendNotes: hub.backendNotes,
    model: hub.modelPath,
    snapshot: hub.snapshotId,
    // What a tablet needs to pair: the QR code's URL (one-time token, valid until pairExpiresAt) or the PIN.
    penUrl: pairing.penUrl,
    pin: pairing.pin,
    pairExpiresAt: pairing.expiresAt,
    ...(hub.devicesProblem ? { devicesProblem: hub.devicesProblem } : {}),
    // The settings file could not be used at start: what was wrong and what is used instead.
    ...(hub.settings.problem ? { settingsProblem: hub.settings.problem } : {}),
  });
}

export async function runServeCommand(args: string[]): Promise<number> {
  const options = parseServeArgs(args);
  const stop = waitForStop();
  try {
    const hub = await startHub(options);
    process.stdout.write(readyLine(hub) + '\n');
    const signal = await stop.received;
    process.stderr.write(`kiosk: ${signal}, closing the hub\n`);
    await hub.close();
    return 0;
  } finally {
    stop.dispose();
  }
}
