import type { KioskSettings } from '../../app/contract/kiosk-settings.js';
import { operatorError, type OperatorError } from '../../app/contract/operator-error.js';
import type { OperatorAction, SettingsChange } from '../../app/contract/operator-request.js';
import { setOperatorPin } from '../settings/operator-pin.js';
import { HubFailure } from './hub-failure.js';
import { listInstalledModels } from './installed-models.js';
import type { OperatorDeps } from './operator-deps.js';
import type { OperatorPinCheck } from './operator-login.js';
import type { OperatorSessions } from './operator-sessions.js';
import { defaultSnapshotOf } from './operator-state-of.js';

export interface ActionContext {
  readonly remote: string;
  readonly token: string | undefined;
  readonly pin: OperatorPinCheck;
  readonly sessions: OperatorSessions;
}

/** What an action came to: an error to answer with, and/or something to do once the reply is sent (restart, exit). */
export interface ActionOutcome {
  readonly error?: OperatorError;
  readonly after?: () => void;
}

const NOT_AVAILABLE = 'not available in this mode';

/**
 * Carries out one validated operator request. Failures come back as typed
 * errors; whatever was in use (model, snapshot, settings) stays when a step
 * fails.
 */
export async function runOperatorAction(action: OperatorAction, deps: OperatorDeps, ctx: ActionContext): Promise<ActionOutcome> {
  try {
    return (await run(action, deps, ctx)) ?? {};
  } catch (error) {
    if (error instanceof HubFailure) return { error: operatorError(error.code === 'unknown-snapshot' ? 'unknown-snapshot' : 'model-error', error.message) };
    if (error instanceof Error && error.name === 'SettingsError') return { error: operatorError('settings-error', error.message) };
    deps.log.error('operator action failed', { action: action.action, error: String(error) });
    return { error: operatorError('internal', error instanceof Error ? error.message : String(error)) };
  }
}

async function run(action: OperatorAction, deps: OperatorDeps, ctx: ActionContext): Promise<ActionOutcome | undefined> {
  switch (action.action) {
    case 'preview-snapshot':
      await deps.slot.selectSnapshot(action.snapshotId);
      deps.announceSnapshot();
      return;
    case 'keep-snapshot': {
      const shown = deps.slot.current().snapshotId;
      await deps.settings.update((s) => ({ ...s, snapshotId: shown }));
      deps.log.info('operator kept the snapshot as default', { snapshot: shown });
      return;
    }
    case 'revert-snapshot':
      await deps.slot.selectSnapshot(defaultSnapshotOf(deps));
      deps.announceSnapshot();
      return;
    case 'switch-model': {
      const target = (await listInstalledModels(deps.stateDir, deps.bundledModel)).find((m) => m.id === action.modelId);
      if (!target) return { error: operatorError('not-found', `no installed model "${action.modelId}"`) };
      await deps.switchModel(target.file);
      // Snapshot ids belong to a model: the new one starts at its own default.
      await deps.settings.update((s) => ({ ...s, modelPath: target.id === 'bundled' ? null : target.file, snapshotId: null }));
      return;
    }
    case 'set-settings':
      await deps.settings.update((s) => applyChange(s, action.change));
      deps.log.info('operator changed settings', { fields: Object.keys(action.change) });
      return;
    case 'set-pin': {
      const refused = await ctx.pin.check(action.current, ctx.remote, deps.settings.get().operatorPin);
      // A wrong current PIN is not a lost session: say which PIN was wrong (lockouts stay lockouts).
      if (refused) return { error: refused.code === 'unauthorized' ? operatorError('bad-request', 'the current PIN is wrong') : refused };
      // Also removes the first start's operator-pin.txt: it no longer holds the PIN.
      await setOperatorPin(deps.settings, deps.stateDir, action.next);
      // Every session (this one too) ends: whoever knew the old PIN logs in with the new one.
      ctx.sessions.endAll();
      deps.log.info('operator PIN changed');
      return;
    }
    case 'revoke-device':
      if (!(await deps.devices.revoke(action.deviceId))) return { error: operatorError('not-found', 'no such device') };
      return;
    case 'pin-update': {
      if (!deps.updates) return { error: operatorError('not-available', `updates: ${NOT_AVAILABLE} (the installed kiosk updates itself; this one runs without the updater)`) };
      const status = await deps.updates.pin(action.which);
      if (status.state === 'error') return { error: operatorError('update-error', status.error ?? 'the pin could not be saved') };
      deps.log.info('operator pinned an update version', { which: action.which, pinned: status.pinnedVersion });
      return;
    }
    case 'check-update':
    case 'install-update': {
      if (!deps.updates) return { error: operatorError('not-available', `updates: ${NOT_AVAILABLE} (the installed kiosk updates itself; this one runs without the updater)`) };
      const status = action.action === 'check-update' ? await deps.updates.checkNow() : await deps.updates.installNow();
      if (status.state === 'error') return { error: operatorError('update-error', status.error ?? 'the update failed; the running version is untouched') };
      return;
    }
    case 'restart':
    case 'exit': {
      const shell = deps.shell;
      if (!shell || shell.kind === 'none') return { error: operatorError('not-available', `${action.action}: ${NOT_AVAILABLE} (no kiosk shell controls this display)`) };
      deps.log.info(`operator asked to ${action.action}`);
      return { after: () => (action.action === 'restart' ? shell.restart('operator') : shell.exit()) };
    }
    case 'logout': {
      ctx.sessions.end(ctx.token);
      // A preview lasts while the menu is open: locking or closing it (the overlay logs out) puts the
      // default back, so a snapshot tried and forgotten never stays on the wall for visitors.
      const fallback = defaultSnapshotOf(deps);
      if (deps.slot.current().snapshotId !== fallback) {
        await deps.slot.selectSnapshot(fallback);
        deps.announceSnapshot();
        deps.log.info('operator logged out during a preview: back to the default snapshot', { snapshot: fallback });
      }
      return;
    }
  }
}

function applyChange(current: KioskSettings, change: SettingsChange): KioskSettings {
  const { updates, ...rest } = change;
  const defined = <T extends object>(o: T): Partial<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
  return { ...current, ...defined(rest), updates: { ...current.updates, ...(updates ? defined(updates) : {}) } };
}
