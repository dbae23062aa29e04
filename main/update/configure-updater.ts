import type { AppUpdater, UpdateInfo } from 'electron-updater';
import type { ProgressInfo } from 'builder-util-runtime';
import { chooseVersion } from '../../app/kiosk/update-policy.js';
import type { UpdateSettings } from '../../app/contract/kiosk-settings.js';
import type { HubLog } from '../hub/hub-log.js';
import { checkUpdateInfo } from './update-info-schema.js';

/**
 * Sets up one electron-updater updater for the kiosk's settings: the feed
 * (settings, else the installer's app-update.yml), the channel, background
 * download, no install on quit (installs happen only when the update policy
 * says so), and two hooks electron-updater asks before it takes a version:
 * the feed is checked and the pin applied (isUpdateSupported), and staged
 * rollouts are left to electron-updater's own rule (its per-install
 * stagingUserId against the feed's stagingPercentage), only noted here so
 * the operator sees why nothing was taken.
 */
export interface ConfiguredUpdater {
  readonly updater: AppUpdater;
  /** Why the last check did not take the offered version (pin, staged rollout), or null. */
  notTakenReason(): string | null;
  /** Before each check: the pin decides whether going back is allowed. */
  prepareCheck(pinnedVersion: string | null): void;
  detach(): void;
}

export interface ConfigureUpdaterOptions {
  readonly updater: AppUpdater;
  readonly settings: UpdateSettings;
  readonly currentVersion: string;
  readonly log: HubLog;
  readonly onProgress: (percent: number) => void;
  readonly onError: (error: Error) => void;
}

const MAX_LOG = 500;
const short = (value: unknown) => String(value).slice(0, MAX_LOG);

export function configureUpdater(options: ConfigureUpdaterOptions): ConfiguredUpdater {
  const { updater, settings, currentVersion, log } = options;
  let reason: string | null = null;
  let pinned = settings.pinnedVersion;

  updater.logger = {
    info: (message?: unknown) => log.info(`updater: ${short(message)}`),
    warn: (message?: unknown) => log.warn(`updater: ${short(message)}`),
    error: (message?: unknown) => log.error(`updater: ${short(message)}`),
  };
  updater.autoDownload = true;
  updater.autoInstallOnAppQuit = false;
  if (settings.feedUrl !== null) updater.setFeedURL({ provider: 'generic', url: settings.feedUrl, channel: settings.channel });
  // Setting the channel also allows downgrades (electron-updater's rule for channel switches); prepareCheck decides instead.
  updater.channel = settings.channel;
  updater.allowDowngrade = false;

  const supported = updater.isUpdateSupported;
  updater.isUpdateSupported = async (info: UpdateInfo) => {
    checkUpdateInfo(info);
    const choice = chooseVersion(info.version, currentVersion, pinned);
    reason = choice.reason;
    return choice.take && (await supported(info));
  };
  const withinRollout = updater.isUserWithinRollout;
  updater.isUserWithinRollout = async (info: UpdateInfo) => {
    const inside = await withinRollout(info);
    if (!inside) reason = `staged rollout: ${info.version} goes to ${info.stagingPercentage}% of kiosks so far, not yet this one`;
    return inside;
  };

  const progress = (info: ProgressInfo) => options.onProgress(Math.max(0, Math.min(100, info.percent)));
  const error = (e: Error) => options.onError(e);
  updater.on('download-progress', progress);
  updater.on('error', error);

  return {
    updater,
    notTakenReason: () => reason,
    prepareCheck: (pinnedVersion) => {
      pinned = pinnedVersion;
      reason = null;
      const current = currentVersion;
      // electron-updater takes an older version only with allowDowngrade; chooseVersion allows it only for the pin.
      updater.allowDowngrade = pinnedVersion !== null && chooseVersion(pinnedVersion, current, pinnedVersion).downgrade;
    },
    detach: () => {
      updater.off('download-progress', progress);
      updater.off('error', error);
    },
  };
}
