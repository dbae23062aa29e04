import type { AppUpdater } from 'electron-updater';
import type { UpdateSettings } from '../../app/contract/kiosk-settings.js';
import type { UpdateStatus } from '../../app/contract/update-status.js';
import { mayInstall, nextCheckAt } from '../../app/kiosk/update-policy.js';
import type { HubLog } from '../hub/hub-log.js';
import type { UpdateControl } from '../hub/kiosk-services.js';
import type { SettingsStore } from '../settings/settings-store.js';
import { configureUpdater, type ConfiguredUpdater } from './configure-updater.js';
import { describeUpdateError } from './describe-update-error.js';
import { emptyUpdateState, readUpdateState, writeUpdateState, type UpdateStateFile } from './update-state-file.js';

/**
 * The kiosk's updater: checks the release feed at start and every few hours,
 * downloads in the background, and installs only when app/kiosk/update-policy
 * allows it (inside the maintenance window or on the operator's word, never
 * while a visitor draws, never a version the pin excludes). electron-updater
 * does the feed, the staged-rollout rule, the download and its sha512 check;
 * a failed or corrupt download is removed by it and only changes the status
 * here: the running version is never touched until the install itself.
 * `createUpdater` makes electron-updater's updater: Electron's in the app
 * (create-electron-update-service.ts), a Node one in tests (create-node-updater.ts).
 */
export interface UpdateServiceDeps {
  readonly settings: SettingsStore;
  readonly currentVersion: string;
  /** Where update-state.json (the last good version) lives. */
  readonly stateDir: string;
  /** A visitor is drawing now (the pad is not idle). */
  readonly isDrawing: () => boolean;
  readonly log: HubLog;
  /** A fresh updater; called again when the feed or channel setting changes. */
  readonly createUpdater: () => AppUpdater;
  /** Runs the installer and quits; default quitAndInstall(silent, run after). Tests pass a recorder (no installer can run here). */
  readonly install?: (updater: AppUpdater) => void;
  readonly now?: () => number;
  readonly setTimer?: (run: () => void, ms: number) => () => void;
  /** Running this long without a crash restart makes the version "last good" (default 30 min). */
  readonly goodAfterMs?: number;
  /** How often a downloaded update that waits asks the policy again (default 1 min). */
  readonly installPollMs?: number;
}

export interface UpdateService extends UpdateControl {
  /** Loads the last good version, checks now and keeps checking; returns the disposer. */
  start(): () => void;
  /** The current version ran well: it becomes the one to roll back to. The shell may call it; a timer does after goodAfterMs. */
  markGood(): Promise<void>;
  /** The shell restarted the display for a crash: the "ran well" clock starts again. */
  noteCrash(): void;
  /** Pins a version (the current one, the last good one, or none): nothing else installs; an older pin is a roll back. */
  pin(which: 'current' | 'last-good' | null): Promise<UpdateStatus>;
  /** Resolves once no check or download is in flight (tests, shutdown). */
  settled(): Promise<UpdateStatus>;
}

const MINUTE = 60_000;

function defaultTimer(run: () => void, ms: number): () => void {
  const timer = setTimeout(run, ms);
  timer.unref();
  return () => clearTimeout(timer);
}

export function createUpdateService(deps: UpdateServiceDeps): UpdateService {
  const now = deps.now ?? Date.now;
  const setTimer = deps.setTimer ?? defaultTimer;
  const install = deps.install ?? ((updater: AppUpdater) => updater.quitAndInstall(true, true));
  const goodAfterMs = deps.goodAfterMs ?? 30 * MINUTE;
  const installPollMs = deps.installPollMs ?? MINUTE;
  const listeners = new Set<(status: UpdateStatus) => void>();
  const updates = () => deps.settings.get().updates;

  let status: UpdateStatus = {
    state: updates().enabled ? 'idle' : 'disabled',
    currentVersion: deps.currentVersion,
    availableVersion: null,
    percent: null,
    lastCheckAt: null,
    nextCheckAt: null,
    error: null,
    waitingFor: null,
    pinnedVersion: updates().pinnedVersion,
    lastGoodVersion: null,
    feedUrl: updates().feedUrl,
  };
  let stateFile: UpdateStateFile = emptyUpdateState();
  let loaded: Promise<void> = Promise.resolve();
  let saving: Promise<void> = Promise.resolve();
  let configured: ConfiguredUpdater | null = null;
  let configuredKey = '';
  let downloaded: string | null = null;
  let operatorAsked = false;
  let checking: Promise<UpdateStatus> | null = null;
  let downloading: Promise<void> | null = null;
  let cancelCheckTimer = () => {};
  let cancelPollTimer = () => {};
  let cancelGoodTimer = () => {};
  let stopped = true;
  let recheck = false;

  const set = (patch: Partial<UpdateStatus>) => {
    status = { ...status, ...patch };
    for (const listener of listeners) {
      // A listener's failure (a closed operator socket) must not stop a check or an install.
      try {
        listener(status);
      } catch (error) {
        deps.log.error('update status listener failed', { error: (error as Error).message });
      }
    }
  };
  const feedName = () => updates().feedUrl ?? 'from the installer (app-update.yml)';

  function updater(settings: UpdateSettings): ConfiguredUpdater {
    const key = JSON.stringify([settings.feedUrl, settings.channel]);
    if (configured && key === configuredKey) return configured;
    configured?.detach();
    downloaded = null;
    configuredKey = key;
    configured = configureUpdater({
      updater: deps.createUpdater(),
      settings,
      currentVersion: deps.currentVersion,
      log: deps.log,
      onProgress: (percent) => {
        if (status.state === 'downloading') set({ percent });
      },
      // Download and check failures also reject their promises (handled there); an install failure arrives only here.
      onError: (error) => {
        if (status.state === 'installing') set({ state: 'error', error: describeUpdateError(error, 'install', feedName()) });
      },
    });
    return configured;
  }

  function scheduleCheck(immediately = false): void {
    cancelCheckTimer();
    if (stopped || !updates().enabled) return;
    const at = nextCheckAt(immediately ? null : status.lastCheckAt, now(), updates().checkEveryHours);
    set({ nextCheckAt: at });
    cancelCheckTimer = setTimer(() => void checkNow(), Math.max(0, at - now()));
  }

  async function doCheck(): Promise<UpdateStatus> {
    await loaded;
    const settings = updates();
    if (!settings.enabled) {
      set({ state: 'disabled', nextCheckAt: null });
      return status;
    }
    set({ state: 'checking', error: null, feedUrl: settings.feedUrl, pinnedVersion: settings.pinnedVersion });
    try {
      // Inside the try: making the updater throws too (a version that is not semver, an unreadable app-update.yml).
      const current = updater(settings);
      current.prepareCheck(settings.pinnedVersion);
      const result = await current.updater.checkForUpdates();
      set({ lastCheckAt: now() });
      if (result === null) {
        set({ state: 'disabled', error: 'updates run only in the installed kiosk (this app is not packaged)' });
      } else if (!result.isUpdateAvailable || !result.downloadPromise) {
        downloaded = null;
        operatorAsked = false;
        set({ state: 'up-to-date', availableVersion: null, percent: null, waitingFor: current.notTakenReason() });
      } else {
        const version = result.updateInfo.version;
        set({ state: 'downloading', availableVersion: version, percent: 0, waitingFor: null });
        const download = result.downloadPromise;
        downloading = follow(download, version).finally(() => {
          downloading = null;
          // A check asked for during the download (timer, operator, new settings) runs now.
          scheduleCheck(recheck);
          recheck = false;
        });
      }
    } catch (error) {
      set({ state: 'error', lastCheckAt: now(), error: describeUpdateError(error, 'check', feedName()), percent: null });
      deps.log.warn('update check failed', { error: status.error });
      // An update downloaded before this failed check is still verified and may still install.
      considerInstall();
    }
    scheduleCheck();
    return status;
  }

  async function follow(download: Promise<unknown>, version: string): Promise<void> {
    try {
      await download;
      downloaded = version;
      set({ state: 'downloaded', percent: 100 });
      considerInstall();
    } catch (error) {
      // electron-updater has removed the partial file; the next check downloads again.
      downloaded = null;
      set({ state: 'error', percent: null, error: describeUpdateError(error, 'download', feedName()) });
      deps.log.warn('update download failed', { version, error: status.error });
    }
  }

  function considerInstall(): void {
    cancelPollTimer();
    if (downloaded === null || configured === null) return;
    // A check or download under way decides again when it ends; an install under way is not started twice.
    if (status.state === 'checking' || status.state === 'downloading' || status.state === 'installing') return;
    const settings = updates();
    const answer = mayInstall({
      now: now(),
      window: settings.maintenanceWindow,
      isDrawing: deps.isDrawing(),
      operatorAsked,
      downloadedVersion: downloaded,
      currentVersion: deps.currentVersion,
      pinnedVersion: settings.pinnedVersion,
    });
    if (!answer.install) {
      set({ waitingFor: answer.waitingFor });
      if (!stopped) cancelPollTimer = setTimer(considerInstall, installPollMs);
      return;
    }
    set({ state: 'installing', waitingFor: null });
    deps.log.info('installing update', { version: downloaded, operatorAsked });
    try {
      install(configured.updater);
    } catch (error) {
      set({ state: 'error', error: describeUpdateError(error, 'install', feedName()) });
    }
  }

  function checkNow(): Promise<UpdateStatus> {
    if (downloading) {
      recheck = true;
      return Promise.resolve(status);
    }
    checking ??= doCheck().finally(() => (checking = null));
    return checking;
  }

  function markGood(): Promise<void> {
    saving = saving.then(saveGood);
    return saving;
  }

  async function saveGood(): Promise<void> {
    cancelGoodTimer();
    await loaded;
    stateFile = { version: 1, lastGoodVersion: deps.currentVersion, lastGoodAt: now() };
    set({ lastGoodVersion: deps.currentVersion });
    try {
      await writeUpdateState(deps.stateDir, stateFile);
    } catch (error) {
      deps.log.error('could not save the last good version', { error: (error as Error).message });
    }
  }

  function startGoodTimer(): void {
    cancelGoodTimer();
    if (!stopped) cancelGoodTimer = setTimer(() => void markGood(), goodAfterMs);
  }

  function onSettings(): void {
    const settings = updates();
    const changedFeed = JSON.stringify([settings.feedUrl, settings.channel]) !== configuredKey;
    const changedPin = settings.pinnedVersion !== status.pinnedVersion;
    set({ feedUrl: settings.feedUrl, pinnedVersion: settings.pinnedVersion });
    if (!settings.enabled) {
      cancelCheckTimer();
      cancelPollTimer();
      set({ state: 'disabled', nextCheckAt: null, waitingFor: null });
      return;
    }
    if (stopped) return;
    // A new feed, channel or pin is worth a look now (a pin may be a roll back the feed offers).
    const lookNow = status.state === 'disabled' || changedPin || (changedFeed && configured !== null);
    if (status.state === 'disabled') set({ state: 'idle' });
    scheduleCheck(lookNow);
    considerInstall();
  }

  return {
    status: () => status,
    checkNow,
    installNow: async () => {
      operatorAsked = true;
      if (downloaded === null && !downloading) await checkNow();
      if (downloaded === null && !downloading) {
        operatorAsked = false;
        if (status.state !== 'error') set({ waitingFor: 'nothing to install: no newer version downloaded' });
        return status;
      }
      considerInstall();
      return status;
    },
    onStatus: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start: () => {
      stopped = false;
      loaded = readUpdateState(deps.stateDir, now()).then(({ state, problem }) => {
        stateFile = state;
        set({ lastGoodVersion: state.lastGoodVersion });
        if (problem) {
          deps.log.warn('update state file was not usable', { problem });
          set({ error: problem });
        }
      });
      const unsubscribe = deps.settings.onChange(onSettings);
      startGoodTimer();
      scheduleCheck();
      return () => {
        stopped = true;
        unsubscribe();
        cancelCheckTimer();
        cancelPollTimer();
        cancelGoodTimer();
        configured?.detach();
      };
    },
    markGood,
    noteCrash: startGoodTimer,
    pin: async (which) => {
      await loaded;
      const version = which === 'current' ? deps.currentVersion : which === 'last-good' ? stateFile.lastGoodVersion : null;
      if (which === 'last-good' && version === null) {
        set({ error: 'no last good version recorded yet: nothing to pin' });
        return status;
      }
      await deps.settings.update((current) => ({ ...current, updates: { ...current.updates, pinnedVersion: version } }));
      return status;
    },
    settled: async () => {
      await loaded;
      while (checking || downloading) await (checking ?? downloading);
      await saving;
      return status;
    },
  };
}
