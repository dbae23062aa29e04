// Ctrl+C (SIGINT), SIGTERM from a service manager, or the terminal going away
// (SIGHUP) all mean "stop the exhibit": the launcher then stops the browser
// and the hub. Repeated signals are ignored (some supervisors signal both the
// process and its group); should the orderly stop hang, a timer ends the
// process anyway.
export interface StopSignal {
  readonly received: Promise<NodeJS.Signals>;
  dispose(): void;
}

const SIGNALS: NodeJS.Signals[] = process.platform === 'win32' ? ['SIGINT', 'SIGTERM'] : ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** Longer than a browser's SIGTERM grace period plus closing the hub. */
const FORCED_EXIT_MS = 15_000;

export function waitForStop(): StopSignal {
  let resolve: (signal: NodeJS.Signals) => void = () => {};
  const received = new Promise<NodeJS.Signals>((r) => (resolve = r));
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => {
      process.stderr.write(`kiosk: still stopping after ${FORCED_EXIT_MS / 1000} s; exiting\n`);
      process.exit(1);
    }, FORCED_EXIT_MS).unref();
    resolve(signal);
  };
  for (const s of SIGNALS) process.on(s, onSignal);
  return {
    received,
    dispose: () => {
      for (const s of SIGNALS) process.off(s, onSignal);
    },
  };
}
