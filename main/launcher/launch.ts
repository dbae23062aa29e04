// `kiosk start`: pick a shell, start the hub, show the display, and stop
// everything in order on a signal. Every outside effect comes in through
// LaunchDeps, so the flow is tested with fakes and start-command.ts wires the
// real ones.
import { exhibitHubOptionsOf, type HubFlags } from '../cli/hub-flags.js';
import { chooseShell, describeChoice, type ShellChoice, type ShellProbes } from './choose-shell.js';
import { silentLog } from '../hub/hub-log.js';
import { openRestartHistory, type RestartHistory } from '../shell/restart-history.js';
import { createChromiumShellControl, type ChromiumShellControl } from './chromium-shell-control.js';
import type { HubHandle, StartHub } from './hub-starter.js';
import type { ChildExit } from './managed-child.js';
import type { ElectronStart } from './start-electron.js';
import type { ChromiumRun } from './start-chromium.js';
import type { StartOptions } from './start-options.js';
import type { StopSignal } from './wait-for-stop.js';

export interface LaunchDeps {
  probe(): ShellProbes;
  startHub: StartHub;
  startElectron(executable: string, flags: HubFlags): ElectronStart;
  startChromium(executable: string, url: string, stateDir: string): ChromiumRun | Promise<ChromiumRun>;
  /** Where the hub and the Chromium profile keep their files when --state-dir is not given. */
  defaultStateDir: string;
  stop: StopSignal;
  print(line: string): void;
  /** The restart history in the state folder (the operator sees causes across restarts); default: in memory. */
  openHistory?(stateDir: string): Promise<RestartHistory>;
}

export async function launch(options: StartOptions, deps: LaunchDeps): Promise<number> {
  try {
    return await run(options, deps);
  } finally {
    deps.stop.dispose();
  }
}

async function run(options: StartOptions, deps: LaunchDeps): Promise<number> {
  const probes = deps.probe();
  const chosen = chooseShell(probes, options.shell);
  if (!chosen.ok) throw new Error(chosen.error);
  let choice: ShellChoice = chosen.choice;
  const { shell: _shell, ...flags } = options;

  if (choice.shell === 'electron') {
    const electron = deps.startElectron(choice.executable, flags);
    const ready = await Promise.race([electron.ready, deps.stop.received.then(() => null)]);
    if (ready === null) {
      await electron.child.stop();
      return 0;
    }
    if (ready.ok) {
      deps.print(describeChoice(choice, ready.displayUrl));
      return await watch('Electron', electron.child.exited, () => electron.child.stop(), deps);
    }
    if (ready.fatal || options.shell === 'electron') throw new Error(ready.why);
    choice = fallbackAfterElectron(ready.why, probes);
  }

  const stateDir = flags.stateDir ?? deps.defaultStateDir;
  const hubOptions = exhibitHubOptionsOf({ ...flags, stateDir });
  if (choice.shell === 'url') {
    const hub = await deps.startHub(hubOptions);
    try {
      deps.print(describeChoice(choice, hub.displayUrl));
      await deps.stop.received;
      return 0;
    } finally {
      await hub.close();
    }
  }
  const history = await (deps.openHistory ?? (() => openRestartHistory(undefined, silentLog)))(stateDir);
  // The control exists before the hub it reloads through (the hub needs it at start).
  const late: { hub?: HubHandle } = {};
  const control = createChromiumShellControl({ reloadDisplays: (cause) => late.hub?.reloadDisplays(cause), history });
  const hub = await deps.startHub(hubOptions, { shell: control });
  late.hub = hub;
  try {
    deps.print(describeChoice(choice, hub.displayUrl));
    return await superviseChromium(choice.executable, hub.displayUrl, stateDir, control, deps);
  } finally {
    await hub.close();
    await history.flush();
  }
}

/**
 * The Chromium window until it ends: restarted when the operator asks
 * (ShellControl.restart), ended on a stop signal or the operator's exit.
 */
async function superviseChromium(executable: string, url: string, stateDir: string, control: ChromiumShellControl, deps: LaunchDeps): Promise<number> {
  let browser = await deps.startChromium(executable, url, stateDir);
  // One outstanding request at a time: a new one is asked for only once this one is taken.
  let request = control.nextRequest();
  for (;;) {
    const first = await Promise.race([
      browser.child.exited.then((exit) => ({ exit })),
      deps.stop.received.then((signal) => ({ signal })),
      request.then((taken) => ({ taken })),
    ]);
    if ('exit' in first) return exitCode('Chromium', first.exit, deps);
    await browser.stop();
    if ('signal' in first) return 0;
    if (first.taken.kind === 'exit') {
      deps.print('The operator ended the kiosk; stopping');
      return 0;
    }
    deps.print(`Restarting Chromium (${first.taken.cause})`);
    request = control.nextRequest();
    browser = await deps.startChromium(executable, url, stateDir);
  }
}

/**
 * Wait for the window's process to end or for a stop signal. When the window
 * is closed (or crashes) the launcher exits rather than restarting it: crash
 * recovery with limits belongs to the Electron shell, and on a development
 * machine closing the window is the natural way to stop. (The operator's
 * restart is another matter: see superviseChromium.)
 */
async function watch(name: string, exited: Promise<ChildExit>, stop: () => Promise<unknown>, deps: LaunchDeps): Promise<number> {
  const first = await Promise.race([exited.then((exit) => ({ exit })), deps.stop.received.then((signal) => ({ signal }))]);
  if ('signal' in first) {
    await stop();
    return 0;
  }
  return exitCode(name, first.exit, deps);
}

/** A window process that ended by itself: one line, and the launcher's exit code. */
function exitCode(name: string, exit: ChildExit, deps: LaunchDeps): number {
  if (exit.error) {
    deps.print(`${name} could not start (${exit.error.message}); stopping`);
    return 1;
  }
  if (exit.code === 0) {
    deps.print(`${name} was closed; stopping`);
    return 0;
  }
  deps.print(`${name} exited (${exit.signal ? `signal ${exit.signal}` : `code ${exit.code}`}); stopping`);
  return 1;
}

function fallbackAfterElectron(why: string, probes: ShellProbes): ShellChoice {
  if (probes.chromium.ok) return { shell: 'chromium', executable: probes.chromium.found, why };
  return { shell: 'url', why: `${why} and no Chromium browser was found (${probes.chromium.reason})` };
}
