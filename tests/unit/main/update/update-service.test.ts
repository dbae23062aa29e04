import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { AppUpdater } from 'electron-updater';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultKioskSettings, type UpdateSettings } from '../../../../app/contract/kiosk-settings.js';
import { updateStatusSchema, type UpdateStatus } from '../../../../app/contract/update-status.js';
import type { HubLog } from '../../../../main/hub/hub-log.js';
import { createMemorySettingsStore, type SettingsStore } from '../../../../main/settings/settings-store.js';
import { createNodeUpdater } from '../../../../main/update/create-node-updater.js';
import { createUpdateService, type UpdateService } from '../../../../main/update/create-update-service.js';
import { channelFileName, makeRelease, publish, startReleaseServer, type ReleaseServer, type Route } from '../../../helpers/release-feed.js';

// The update flow end to end in Node: electron-updater's real DebUpdater
// (the class that downloads in plain Node on Linux) with a Node app adapter,
// against a real release server on 127.0.0.1 serving a real channel file
// and installer. The install step itself cannot run here (no packaged app,
// no dpkg run): `install` is a recorder, and the tests check it is called
// exactly when the update policy allows, never otherwise.

const STAGING_ID = '3b241101-e2bb-4255-8caf-4136c566a962';
const CACHE_NAME = 'mlp-kiosk-updater';
const at = (h: number, m = 0) => new Date(2026, 10, 23, h, m).getTime();

interface Timer {
  run: () => void;
  ms: number;
  cancelled: boolean;
}

interface Harness {
  service: UpdateService;
  settings: SettingsStore;
  installs: AppUpdater[];
  timers: Timer[];
  clock: { now: number };
  drawing: { now: boolean };
  stateDir: string;
  pendingDir: string;
  warnings: string[];
  stop: () => void;
}

let server: ReleaseServer;
let dir: string;
let stops: (() => void)[] = [];

beforeEach(async () => {
  server = await startReleaseServer();
  dir = await mkdtemp(path.join(os.tmpdir(), 'kiosk-update-'));
});

afterEach(async () => {
  for (const stop of stops) stop();
  stops = [];
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

async function harness(options: { current?: string; updates?: Partial<UpdateSettings>; clock?: number } = {}): Promise<Harness> {
  const defaults = defaultKioskSettings();
  const settings = createMemorySettingsStore({ ...defaults, updates: { ...defaults.updates, feedUrl: server.url, ...options.updates } });
  const stateDir = path.join(dir, 'state');
  const userData = path.join(dir, 'user-data');
  const cache = path.join(dir, 'cache');
  await mkdir(stateDir, { recursive: true });
  await mkdir(userData, { recursive: true });
  // What electron-builder puts beside the installed app: the feed it was built with and the cache folder's name.
  const appUpdateYml = path.join(dir, 'app-update.yml');
  await writeFile(appUpdateYml, `provider: generic\nurl: ${server.url}\nupdaterCacheDirName: ${CACHE_NAME}\n`);
  // The per-install staging id electron-updater keeps (it makes one when missing); fixed so a run is repeatable.
  await writeFile(path.join(userData, '.updaterId'), STAGING_ID);
  const installs: AppUpdater[] = [];
  const timers: Timer[] = [];
  const clock = { now: options.clock ?? at(12) };
  const drawing = { now: false };
  const warnings: string[] = [];
  const log: HubLog = { info: () => {}, warn: (m, f) => warnings.push(`${m} ${JSON.stringify(f ?? {})}`), error: (m, f) => warnings.push(`${m} ${JSON.stringify(f ?? {})}`) };
  const current = options.current ?? '0.1.0';
  const service = createUpdateService({
    settings,
    currentVersion: current,
    stateDir,
    isDrawing: () => drawing.now,
    log,
    createUpdater: () => createNodeUpdater({ version: current, appUpdateConfigPath: appUpdateYml, userDataPath: userData, baseCachePath: cache }),
    install: (updater) => installs.push(updater),
    now: () => clock.now,
    setTimer: (run, ms) => {
      const timer = { run, ms, cancelled: false };
      timers.push(timer);
      return () => (timer.cancelled = true);
    },
  });
  const stop = service.start();
  stops.push(stop);
  return { service, settings, installs, timers, clock, drawing, stateDir, pendingDir: path.join(cache, CACHE_NAME, 'pending'), warnings, stop };
}

async function check(h: Harness): Promise<UpdateStatus> {
  await h.service.checkNow();
  const status = await h.service.settled();
  expect(updateStatusSchema.safeParse(status).success).toBe(true);
  return status;
}

/** Runs the timers that are due (not cancelled), as the clock would. */
function runTimers(h: Harness, filter: (t: Timer) => boolean = () => true): number {
  const due = h.timers.filter((t) => !t.cancelled && filter(t));
  for (const t of due) {
    t.cancelled = true;
    t.run();
  }
  return due.length;
}

const sha512Of = async (file: string) => createHash('sha512').update(await readFile(file)).digest('base64');

describe('update found, downloaded and verified', () => {
  it('downloads a newer release into the cache with the published hash, and waits for the maintenance window', async () => {
    const release = makeRelease('0.2.0');
    publish(server, release);
    const h = await harness();
    const status = await check(h);
    expect(status).toMatchObject({ state: 'downloaded', availableVersion: '0.2.0', percent: 100, error: null, currentVersion: '0.1.0' });
    expect(status.waitingFor).toBe('the maintenance window (03:00-05:00)');
    const file = path.join(h.pendingDir, release.installerName);
    expect(await sha512Of(file)).toBe(release.sha512);
    expect(server.requests.map((r) => r.path)).toEqual([`/feed/${channelFileName()}`, `/feed/${release.installerName}`]);
    // Outside the window nothing installs.
    expect(h.installs).toHaveLength(0);
    // The next check is planned checkEveryHours later.
    expect(status.nextCheckAt).toBe(h.clock.now + 4 * 3_600_000);
  });

  it('checks at start: the first planned check is due at once', async () => {
    publish(server, makeRelease('0.2.0'));
    const h = await harness();
    expect(h.service.status().nextCheckAt).toBe(h.clock.now);
    const first = h.timers.find((t) => !t.cancelled && t.ms === 0);
    expect(first).toBeDefined();
    runTimers(h, (t) => t === first);
    await h.service.settled();
    expect(h.service.status().state).toBe('downloaded');
  });

  it('installs (silently, through the injected install) once the window opens and the pad is idle', async () => {
    publish(server, makeRelease('0.2.0'));
    const h = await harness();
    await check(h);
    expect(h.installs).toHaveLength(0);
    // Inside the window, but a visitor draws: still waits.
    h.clock.now = at(3, 30);
    h.drawing.now = true;
    runTimers(h, (t) => t.ms === 60_000);
    expect(h.installs).toHaveLength(0);
    expect(h.service.status().waitingFor).toMatch(/visitor is drawing/);
    // The pad goes idle: the next poll installs.
    h.drawing.now = false;
    runTimers(h, (t) => t.ms === 60_000);
    expect(h.installs).toHaveLength(1);
    expect(h.service.status().state).toBe('installing');
  });

  it('the operator installs outside the window, but never mid-drawing: it waits for the pad to go idle', async () => {
    publish(server, makeRelease('0.2.0'));
    const h = await harness();
    await check(h);
    h.drawing.now = true;
    const waiting = await h.service.installNow();
    expect(waiting.waitingFor).toMatch(/visitor is drawing/);
    expect(h.installs).toHaveLength(0);
    h.drawing.now = false;
    runTimers(h, (t) => t.ms === 60_000);
    expect(h.installs).toHaveLength(1);
  });

  it('a verified download still installs in the window when a later check fails (feed down overnight)', async () => {
    publish(server, makeRelease('0.2.0'));
    const h = await harness();
    await check(h);
    server.routes.clear();
    const failed = await check(h);
    expect(failed.state).toBe('error');
    expect(h.installs).toHaveLength(0);
    h.clock.now = at(4);
    runTimers(h, (t) => t.ms === 60_000);
    expect(h.installs).toHaveLength(1);
  });

  it('"install now" with nothing newer says so and installs nothing', async () => {
    publish(server, makeRelease('0.1.0'));
    const h = await harness();
    const status = await h.service.installNow();
    expect(status.state).toBe('up-to-date');
    expect(status.waitingFor).toBe('nothing to install: no newer version downloaded');
    expect(h.installs).toHaveLength(0);
  });
});

describe('a failed or corrupt download never touches the running version', () => {
  it('rejects an installer whose bytes do not match the published sha512, removes it, and the next check retries', async () => {
    const release = makeRelease('0.2.0');
    publish(server, release);
    const tampered = Buffer.from(release.installer);
    tampered[1000] = (tampered[1000] ?? 0) ^ 0xff;
    server.routes.set(`/feed/${release.installerName}`, { body: tampered });
    const h = await harness({ clock: at(3, 30) });
    const status = await check(h);
    expect(status.state).toBe('error');
    expect(status.error).toMatch(/sha512 check.*removed; the running version is untouched/);
    // Nothing downloaded stays behind, and nothing was installed although the window is open.
    const left = existsSync(h.pendingDir) ? await readdir(h.pendingDir) : [];
    expect(left.filter((f) => f.endsWith('.deb'))).toEqual([]);
    expect(h.installs).toHaveLength(0);
    // The feed is fixed: the next check downloads and (inside the window) installs.
    publish(server, release);
    const retried = await check(h);
    expect(retried).toMatchObject({ state: 'installing', error: null });
    expect(await sha512Of(path.join(h.pendingDir, release.installerName))).toBe(release.sha512);
    expect(h.installs).toHaveLength(1);
  });

  it('a download cut off by a server error is an error too, and retried', async () => {
    const release = makeRelease('0.2.0');
    publish(server, release);
    server.routes.set(`/feed/${release.installerName}`, { status: 500, body: 'disk full' });
    const h = await harness();
    const status = await check(h);
    expect(status.state).toBe('error');
    expect(status.error).toMatch(/download failed.*status 500/);
    publish(server, release);
    expect((await check(h)).state).toBe('downloaded');
  });

  it('an installer URL that redirects in a loop is an error naming it, not a hang', async () => {
    const release = makeRelease('0.2.0');
    publish(server, release);
    server.routes.set(`/feed/${release.installerName}`, { status: 302, headers: { location: `${server.url}mirror/${release.installerName}` } });
    server.routes.set(`/feed/mirror/${release.installerName}`, { status: 302, headers: { location: `${server.url}${release.installerName}` } });
    const h = await harness();
    const status = await check(h);
    expect(status.state).toBe('error');
    expect(status.error).toMatch(/download failed.*too many redirects \(more than 8\)/);
    publish(server, release);
    expect((await check(h)).state).toBe('downloaded');
  });
});

describe('no update, and feeds that are down or broken', () => {
  it('the same version on the feed: up to date, nothing downloaded', async () => {
    publish(server, makeRelease('0.1.0'));
    const h = await harness();
    const status = await check(h);
    expect(status).toMatchObject({ state: 'up-to-date', availableVersion: null, error: null, waitingFor: null });
    expect(status.lastCheckAt).toBe(h.clock.now);
    expect(server.requests.map((r) => r.path)).toEqual([`/feed/${channelFileName()}`]);
  });

  it('server down (connection refused): a clear error, and the check after the server is back works', async () => {
    publish(server, makeRelease('0.2.0'));
    await server.close();
    const h = await harness();
    const status = await check(h);
    expect(status.state).toBe('error');
    expect(status.error).toBe(`cannot reach the update feed ${server.url}: connection refused (is the server up?)`);
    await server.reopen();
    expect((await check(h)).state).toBe('downloaded');
  });

  const huge = `version: 0.2.0\nnotes: "${'x'.repeat(2 * 1024 * 1024)}"\n`;
  const broken: [string, Route | 'missing' | 'loop', RegExp][] = [
    ['bad YAML', { body: 'version: 0.2.0\nfiles: [\n  - url: {{\n' }, /not valid YAML/],
    ['no files listed', { body: 'version: 0.2.0\nreleaseDate: now\n' }, /not a valid update description: files/],
    ['a file without its sha512', { body: 'version: 0.2.0\nfiles:\n  - url: a.deb\n    size: 3\n' }, /files\.0\.sha512/],
    ['no version', { body: 'files:\n  - url: a.deb\n' }, /no valid version \(semver/],
    ['a staging percentage that is not a number', { body: `${makeRelease('0.2.0').yml}stagingPercentage: half\n` }, /stagingPercentage/],
    ['a huge channel file', { body: huge }, /larger than 1048576 bytes/],
    ['a huge channel file sent without a length', { body: huge, chunked: true }, /larger than 1048576 bytes/],
    ['an HTML page instead of YAML', { headers: { 'content-type': 'text/html' }, body: '<!doctype html>\n<html><body><h1>Welcome to nginx!</h1></body></html>\n' }, /no valid version.*is the feed URL right/],
    ['a 404', 'missing', new RegExp(`has no channel file: ${channelFileName().replace('.', '\\.')} not found \\(404\\)`)],
    ['a redirect loop', 'loop', /too many redirects/],
  ];

  it.each(broken)('%s: status error with a clear message, nothing crashes, the next check works again', async (_name, route, message) => {
    const release = makeRelease('0.2.0');
    const channel = `/feed/${channelFileName()}`;
    if (route === 'loop') {
      server.routes.set(channel, { status: 302, headers: { location: `${server.url}hop.yml` } });
      server.routes.set('/feed/hop.yml', { status: 302, headers: { location: `${server.url}${channelFileName()}` } });
    } else if (route !== 'missing') {
      server.routes.set(channel, route);
    }
    const h = await harness({ clock: at(3, 30) });
    const status = await check(h);
    expect(status.state).toBe('error');
    expect(status.error).toMatch(message);
    expect(status.error!.length).toBeLessThan(400);
    expect(h.installs).toHaveLength(0);
    publish(server, release);
    expect((await check(h)).state).toBe('installing');
  });
});

describe('a kiosk that cannot update', () => {
  it('a running version that is not semver: an error naming it, no crash, no request', async () => {
    publish(server, makeRelease('0.2.0'));
    const h = await harness({ current: 'dev-build' });
    const status = await check(h);
    expect(status.state).toBe('error');
    expect(status.error).toMatch(/check failed: the running kiosk's own version is not semver .*"dev-build"/);
    expect(server.requests).toEqual([]);
  });
});

describe('staged rollouts (electron-updater decides with its per-install staging id)', () => {
  it('a release staged to 0% is not taken, and the operator sees why', async () => {
    publish(server, makeRelease('0.2.0', { stagingPercentage: 0 }));
    const h = await harness();
    const status = await check(h);
    expect(status.state).toBe('up-to-date');
    expect(status.waitingFor).toBe('staged rollout: 0.2.0 goes to 0% of kiosks so far, not yet this one');
    expect(server.requests.map((r) => r.path)).toEqual([`/feed/${channelFileName()}`]);
    // electron-updater told the server which install asked (its staging id, kept in the user data folder).
    expect(server.requests[0]?.headers['x-user-staging-id']).toBe(STAGING_ID);
  });

  it('a release staged to 100% is taken', async () => {
    publish(server, makeRelease('0.2.0', { stagingPercentage: 100 }));
    const h = await harness();
    expect((await check(h)).state).toBe('downloaded');
  });
});

describe('pinning and roll back', () => {
  it('a pinned version keeps a newer release out', async () => {
    publish(server, makeRelease('0.2.0'));
    const h = await harness({ updates: { pinnedVersion: '0.1.0' } });
    const status = await check(h);
    expect(status).toMatchObject({ state: 'up-to-date', pinnedVersion: '0.1.0', waitingFor: 'pinned to 0.1.0: the feed offers 0.2.0' });
    expect(server.requests.some((r) => r.path.endsWith('.deb'))).toBe(false);
  });

  it('an older version on the feed is not taken without a pin', async () => {
    publish(server, makeRelease('0.1.0'));
    const h = await harness({ current: '0.2.0' });
    const status = await check(h);
    expect(status.state).toBe('up-to-date');
    expect(status.waitingFor).toMatch(/older version \(0\.1\.0\)/);
  });

  it('rolls back to the last good version: pin it, the feed offers it, it downloads (a downgrade) and installs in the window', async () => {
    const old = makeRelease('0.1.0');
    publish(server, old);
    const h = await harness({ current: '0.2.0', clock: at(3, 30) });
    await writeFile(path.join(h.stateDir, 'update-state.json'), JSON.stringify({ version: 1, lastGoodVersion: '0.1.0', lastGoodAt: at(1) }));
    // A fresh start reads the state file.
    h.stop();
    const restarted = await harness({ current: '0.2.0', clock: at(3, 30) });
    await restarted.service.settled();
    const pinned = await restarted.service.pin('last-good');
    expect(pinned.pinnedVersion).toBe('0.1.0');
    expect(restarted.settings.get().updates.pinnedVersion).toBe('0.1.0');
    // The pin asks for a check at once.
    expect(restarted.timers.some((t) => !t.cancelled && t.ms === 0)).toBe(true);
    const status = await check(restarted);
    expect(status).toMatchObject({ state: 'installing', availableVersion: '0.1.0', lastGoodVersion: '0.1.0' });
    expect(await sha512Of(path.join(restarted.pendingDir, old.installerName))).toBe(old.sha512);
    expect(restarted.installs).toHaveLength(1);
  });
});

describe('settings', () => {
  it('with no feed URL in the settings, the feed comes from the installer (app-update.yml)', async () => {
    publish(server, makeRelease('0.2.0'));
    const h = await harness({ updates: { feedUrl: null } });
    const status = await check(h);
    expect(status).toMatchObject({ state: 'downloaded', feedUrl: null });
  });

  it('re-reads the feed URL and channel when they change, and checks the new feed at once', async () => {
    publish(server, makeRelease('0.2.0'));
    const other = await startReleaseServer();
    try {
      publish(other, makeRelease('0.3.0', {}), 'beta');
      const h = await harness();
      expect((await check(h)).availableVersion).toBe('0.2.0');
      await h.settings.update((s) => ({ ...s, updates: { ...s.updates, feedUrl: other.url, channel: 'beta' } }));
      expect(h.timers.some((t) => !t.cancelled && t.ms === 0)).toBe(true);
      const status = await check(h);
      expect(status).toMatchObject({ state: 'downloaded', availableVersion: '0.3.0', feedUrl: other.url });
      expect(other.requests[0]?.path).toBe(`/feed/${channelFileName('beta')}`);
    } finally {
      await other.close();
    }
  });

  it('disabled: no check, no request; enabling checks at once', async () => {
    publish(server, makeRelease('0.2.0'));
    const h = await harness({ updates: { enabled: false } });
    expect(h.service.status().state).toBe('disabled');
    expect(runTimers(h)).toBe(1); // only the "ran well" timer
    expect((await check(h)).state).toBe('disabled');
    expect(server.requests).toEqual([]);
    await h.settings.update((s) => ({ ...s, updates: { ...s.updates, enabled: true } }));
    runTimers(h, (t) => t.ms === 0);
    await h.service.settled();
    expect(h.service.status().state).toBe('downloaded');
  });
});

describe('last good version', () => {
  it('becomes last good after running 30 minutes without a crash restart, saved in update-state.json', async () => {
    publish(server, makeRelease('0.1.0'));
    const h = await harness();
    const good = () => h.timers.filter((t) => !t.cancelled && t.ms === 30 * 60_000);
    expect(good()).toHaveLength(1);
    // A crash restart starts the 30 minutes again.
    h.service.noteCrash();
    expect(good()).toHaveLength(1);
    expect(h.timers.filter((t) => t.cancelled && t.ms === 30 * 60_000)).toHaveLength(1);
    good()[0]?.run();
    await h.service.settled();
    const saved = JSON.parse(await readFile(path.join(h.stateDir, 'update-state.json'), 'utf8'));
    expect(saved).toEqual({ version: 1, lastGoodVersion: '0.1.0', lastGoodAt: h.clock.now });
    expect(h.service.status().lastGoodVersion).toBe('0.1.0');
    expect((await h.service.pin('current')).pinnedVersion).toBe('0.1.0');
  });

  it('a damaged state file is moved aside and reported; the updater still works', async () => {
    publish(server, makeRelease('0.2.0'));
    const stateDir = path.join(dir, 'state');
    await mkdir(stateDir, { recursive: true });
    await writeFile(path.join(stateDir, 'update-state.json'), '{"version":1,"lastGoodVersion":');
    const h = await harness();
    await h.service.settled();
    expect(h.service.status().error).toMatch(/update-state\.json was not valid \(not JSON.*moved to .*update-state\.json\.bad-/);
    expect((await readdir(stateDir)).some((f) => f.startsWith('update-state.json.bad-'))).toBe(true);
    expect(h.warnings.some((w) => w.includes('update state file was not usable'))).toBe(true);
    expect((await check(h)).state).toBe('downloaded');
  });

  it('pinning the last good version before one is recorded says so', async () => {
    const h = await harness();
    const status = await h.service.pin('last-good');
    expect(status.error).toBe('no last good version recorded yet: nothing to pin');
    expect(h.settings.get().updates.pinnedVersion).toBeNull();
  });
});
