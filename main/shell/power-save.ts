// An exhibit screen must not go dark while the museum is open.
import { powerSaveBlocker } from 'electron';
import type { Disposer } from './disposer.js';

export function setupPowerSaveBlocker(): Disposer {
  const id = powerSaveBlocker.start('prevent-display-sleep');
  return () => {
    if (powerSaveBlocker.isStarted(id)) powerSaveBlocker.stop(id);
  };
}
