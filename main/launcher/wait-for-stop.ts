// Ctrl+C (SIGINT), SIGTERM from a service manager, or the terminal going away
// (SIGHUP) all mean "stop the exhibit": the launcher then stops the browser and
// the hub. A second signal while that is under way exits at once.
export interface StopSignal {
  readonly received: Promise<NodeJS.Signals>;
  dispose(): void;
}

const SIGNALS: NodeJS.Signals[] = process.platform === 'win32' ? ['SIGINT', 'SIGTERM'] : ['SIGINT', 'SIGTERM', 'SIGHUP'];

export function waitForStop(): StopSignal {
  let first = true;
  let resolve: (signal: NodeJS.Signals) => void = () => {};
  const received = new Promise<NodeJS.Signals>((r) => (resolve = r));
  const onSignal = (signal: NodeJS.Signals): void => {
    if (!first) process.exit(130);
    first = false;
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
