import { constants } from 'node:os';
import type Conf from 'conf';

/**
 * conf, imported on first use and without the signal hooks its import brings.
 * conf writes through `atomically`, whose `when-exit` takes SIGINT, SIGTERM,
 * SIGHUP and a dozen more signals the moment it is loaded, and after its own
 * cleanup (atomically's temporary files) sends the signal to the process
 * again. The kiosk ends on those signals in its own order (the shell's quit
 * policy, the hub's close, `kiosk train`'s checkpoint on the first Ctrl-C),
 * and the second signal cut that short: one Ctrl-C stopped training without
 * its checkpoint, and a SIGTERM would end the Electron shell before its
 * disposers ran. So the signal listeners the import added are taken off
 * again (its 'exit' hook stays); a write cut off by a signal can leave a
 * temporary file beside settings.json, never a half-written settings.json.
 */
export async function loadConf(): Promise<typeof Conf> {
  const signals = Object.keys(constants.signals) as NodeJS.Signals[];
  const before = new Map(signals.map((s) => [s, new Set(process.listeners(s))]));
  const { default: ConfClass } = await import('conf');
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) if (!before.get(signal)?.has(listener)) process.off(signal, listener);
  }
  return ConfClass;
}
