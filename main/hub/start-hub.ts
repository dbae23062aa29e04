import { mkdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { ExhibitLanguage } from '../../app/contract/exhibit-language.js';
import type { HubMessage } from '../../app/contract/hub-messages.js';
import type { TimelineFrame } from '../../app/contract/timeline-frame.js';
import { backendNotesOf, type BackendPreference } from '../inference/backend.js';
import { createAttractDigits } from './attract-digits.js';
import { welcomeOf } from './display-session.js';
import { setupDisplaySockets } from './display-sockets.js';
import { defaultHubDeps, type HubDeps } from './hub-deps.js';
import { stderrLog, type HubLog } from './hub-log.js';
import { setupHttpRoutes } from './http-routes.js';
import { createInkPipeline } from './ink-pipeline.js';
import { createLaunchSecret } from './launch-secret.js';
import { createModelSlot, type ModelSlot } from './model-slot.js';
import { isLoopbackAddress } from './loopback.js';
import { findPackageRoot } from './package-root.js';
import { guardServer } from './server-guards.js';
import type { PairingInfo } from '../../app/contract/pairing-info.js';
import { openDeviceStore } from './device-store.js';
import { announceHub, type MdnsFactory } from './mdns-announce.js';
import { createPairingCodes } from './pairing-codes.js';
import { lanAddressOf, penUrlOf } from './pairing-url.js';
import { createPenRoom } from './pen-room.js';
import { setupPenSockets } from './pen-sockets.js';
import { createTimelinePass } from './timeline-pass.js';
import { createLiveTrainingHub } from './live-training-hub.js';
import type { LockoutRules } from '../../app/pairing/pin-lockout.js';
import type { KioskServices } from './kiosk-services.js';
import { createOperatorRoutes } from './operator-routes.js';
import { recordProblems } from './recent-problems.js';
import type { LiveTrainingOptions } from '../train/live/live-training-controller.js';
import type { DisplayHealth } from '../../app/kiosk/watchdog-check.js';
import { openSettingsStore } from '../settings/open-settings-store.js';
import { ensureOperatorPin } from '../settings/operator-pin.js';
import type { SettingsStore } from '../settings/settings-store.js';
import { setupExhibitSettingsFeed } from './exhibit-settings-feed.js';

export interface StartHubOptions {
  /**
   * Address to bind; default 127.0.0.1. 0.0.0.0 (or ::) also serves the LAN
   * (pen endpoints, issue 3). A specific LAN address is refused: see hostProblem().
   */
  host?: string;
  /** Default 0: the system picks a free port (the hub reports it). */
  port?: number;
  /** Where the hub keeps its files (paired devices, later); created if missing. */
  stateDir?: string;
  /** Export manifest or .onnx; default exports/mlp_weights.json in the package. */
  modelPath?: string;
  /**
   * The snapshot the exhibit shows by default (an operator's setting); the
   * model's own default (its last snapshot) when absent. One the model does
   * not have stops the start with a message listing those it has.
   */
  snapshotId?: string;
  backend?: BackendPreference;
  log?: HubLog;
  /** The built display page; default dist/renderer/display in the package. */
  displayDir?: string;
  /** Tests replace the model and inference services here. */
  deps?: HubDeps;
  /** How long a socket may stay without a hello (default 10 s; tests shorten it). */
  helloTimeoutMs?: number;
  /** The built pen page; default dist/renderer/pen in the package. */
  penDir?: string;
  /** When `port` is taken, listen on a free one instead (with a warning) rather than fail. */
  portFallback?: boolean;
  /** mDNS announcement when serving the LAN: default on; tests pass false or their own responder. */
  mdns?: boolean | MdnsFactory;
  /** The exhibit's language, told to the display and the pens (default en). */
  language?: ExhibitLanguage;
  /** How long the drawer must be idle before another may take the turn (default 4 s; slow test machines lengthen it). */
  idleTakeoverMs?: number;
  /** Live training runs (defaults: two passes over all of MNIST); tests use subsets. */
  liveTraining?: LiveTrainingOptions;
  /**
   * What the shell or the launcher provides (kiosk-services.ts): settings,
   * updater, shell control. Without `settings` the hub opens
   * <stateDir>/settings.json itself (in memory without a stateDir). The flags
   * above (modelPath, snapshotId, language) win over the settings at start;
   * the settings over the built-in defaults. Without updater or shell the
   * operator menu says "not available in this mode".
   */
  services?: Partial<KioskServices>;
  /** The built operator page; default dist/renderer/operator in the package. */
  operatorDir?: string;
  /** Tests shorten the operator PIN lockout and move its clock. */
  operator?: { lockout?: LockoutRules; now?: () => number };
}

export interface RunningHub {
  /** The display page with the per-launch secret (loopback only). */
  readonly displayUrl: string;
  /** Base URL of the hub, e.g. http://127.0.0.1:43121/ */
  readonly url: string;
  readonly port: number;
  readonly host: string;
  readonly backendName: string;
  /** Why better inference backends or execution providers were skipped (empty when none were). */
  readonly backendNotes: readonly string[];
  readonly modelPath: string;
  readonly modelName: string;
  readonly snapshotId: string;
  /** What a tablet needs to pair now (one-time token in penUrl, PIN); changes after each use and every 3 min. */
  pairing(): PairingInfo;
  /** Set when <stateDir>/paired-devices.json could not be read (it was moved aside). */
  readonly devicesProblem: string | undefined;
  /** The displays' heartbeats: how many are connected, when one last spoke, at what frame rate. */
  displayHealth(): DisplayHealth;
  /** Tells every display page to reload itself (the Chromium shell's reloadDisplay). */
  reloadDisplays(cause: string): void;
  /** The exhibit's settings (the operator menu changes them through update()). */
  readonly settings: SettingsStore;
  /** A visitor is drawing now (a tablet or the pad holds the turn and is not idle): updates and the nightly restart wait. */
  isDrawing(): boolean;
  /** Loads another model; if it fails, the one in use stays and this rejects. */
  switchModel(file: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts the hub: model and backend first (a model that cannot load stops
 * the start with its ModelFormatError), then HTTP routes and the display
 * socket on one server. Each piece returns its disposer; close() runs them
 * in reverse.
 */
export async function startHub(options: StartHubOptions = {}): Promise<RunningHub> {
  const root = findPackageRoot();
  const startedAt = Date.now();
  // The operator's health page lists the latest warnings and errors.
  const { log, recent: recentProblems } = recordProblems(options.log ?? stderrLog);
  const deps = options.deps ?? defaultHubDeps;
  const host = options.host ?? '127.0.0.1';
  const refused = hostProblem(host);
  if (refused) throw new Error(refused);
  const displayDir = options.displayDir ?? path.join(root, 'dist', 'renderer', 'display');
  const penDir = options.penDir ?? path.join(root, 'dist', 'renderer', 'pen');
  if (options.stateDir) await mkdir(options.stateDir, { recursive: true });
  const settings = options.services?.settings ?? (await openSettingsStore(options.stateDir, log));
  if (options.stateDir) {
    // No PIN is no reason to keep the exhibit dark: the menu stays locked until one is set.
    await ensureOperatorPin(settings, options.stateDir, log).catch((error: unknown) => log.error('could not make an operator PIN', { error: String(error) }));
  }
  const initial = settings.get();
  const language = options.language ?? initial.language;

  const defaultModel = path.join(root, 'exports', 'mlp_weights.json');
  let modelPath = path.resolve(options.modelPath ?? initial.modelPath ?? defaultModel);
  const slotDeps = { ...deps, preference: options.backend ?? 'auto', log } as const;
  let slot: ModelSlot;
  try {
    slot = await createModelSlot(modelPath, slotDeps, options.snapshotId ?? initial.snapshotId ?? undefined);
  } catch (error) {
    // A flag's model that fails stops the start (someone is watching the terminal); a saved setting's falls back, so the exhibit comes up.
    const fromSettings = (options.modelPath === undefined && initial.modelPath !== null) || (options.snapshotId === undefined && initial.snapshotId !== null);
    if (!fromSettings) throw error;
    log.error('the model or snapshot in the settings could not be used; showing the default model instead', { modelPath, snapshotId: initial.snapshotId, error: error instanceof Error ? error.message : String(error) });
    modelPath = path.resolve(options.modelPath ?? defaultModel);
    slot = await createModelSlot(modelPath, slotDeps, options.snapshotId);
  }
  if (!options.stateDir) log.info('no --state-dir: paired tablets are forgotten when the hub stops');
  const devices = await openDeviceStore(options.stateDir, log);
  const disposers: (() => unknown)[] = [() => slot.dispose()];
  try {
    const secret = createLaunchSecret();
    const server = createServer();
    // Closed last: server.close() waits for every socket it accepted,
    // upgraded WebSockets included, so the sockets must be closed before it.
    disposers.push(() => closeServer(server));
    const address = (): { host: string; port: number } => ({ host, port: (server.address() as AddressInfo | null)?.port ?? 0 });

    // The pipeline is created before the sockets it feeds: bind late.
    let broadcast: (message: HubMessage) => void = () => {};
    let sendTimeline: (frame: TimelineFrame) => void = () => {};
    const timeline = createTimelinePass(slot, (frame) => sendTimeline(frame), log);
    disposers.push(() => timeline.dispose());
    // While a live run has weights, drawings are answered by its network (the timeline keeps the model's snapshots).
    const live = createLiveTrainingHub({ slot, log, broadcast: (m) => broadcast(m), rerun: () => pipeline.rerun(), options: options.liveTraining });
    disposers.push(() => live.dispose());
    const pipeline = createInkPipeline(
      live.slot,
      (frame, input) => {
        // The live frame first; the timeline's passes follow when the event loop is free.
        broadcast(frame);
        timeline.frameSent({ seq: frame.seq, inkId: frame.inkId, empty: frame.empty, input });
      },
      log,
    );
    disposers.push(() => pipeline.dispose());
    disposers.push(() => devices.flush());
    const codes = createPairingCodes();
    disposers.push(() => codes.dispose());
    // The language is read at each welcome: an operator's change reaches the pens and displays that connect later too.
    const feed = setupExhibitSettingsFeed({ settings, language, broadcast: (m) => broadcast(m), onLanguage: () => room.greetAgain() });
    disposers.push(() => feed.dispose());
    disposers.push(() => settings.flush());
    const room = createPenRoom({ devices, codes, pipeline, log, get language() { return feed.language(); }, idleTakeoverMs: options.idleTakeoverMs });
    disposers.push(() => room.dispose());
    const lan = isWildcard(host);
    const pairingInfo = (): PairingInfo => {
      const code = codes.current();
      const tabletHost = (lan ? lanAddressOf() : undefined) ?? '127.0.0.1';
      return { type: 'pairing', penUrl: penUrlOf(tabletHost, address().port, code.token), pin: code.pin, expiresAt: code.expiresAt, lan };
    };
    const deviceAdmin = {
      list: () => devices.list().map((d) => ({ id: d.id, name: d.name, pairedAt: d.pairedAt, lastSeenAt: d.lastSeenAt, connected: room.connectedCount(d.id) })),
      revoke: (id: string) => room.revoke(id),
    };
    const operator = createOperatorRoutes({
      settings,
      updates: options.services?.updates,
      shell: options.services?.shell,
      slot,
      loadModel: deps.loadModel,
      stateDir: options.stateDir,
      bundledModel: path.join(root, 'exports', 'mlp_weights.json'),
      log,
      operatorDir: options.operatorDir ?? path.join(root, 'dist', 'renderer', 'operator'),
      address,
      pairing: pairingInfo,
      devices: deviceAdmin,
      displays: () => sockets.count(),
      displayHealth: () => sockets.health(),
      recentProblems,
      announceSnapshot: () => {
        const a = slot.current();
        broadcast({ type: 'snapshot', modelId: a.info.id, snapshotId: a.snapshotId, backend: a.backend.name, backendNotes: backendNotesOf(a.backend) });
        pipeline.rerun();
      },
      switchModel: (file) => switchModel(file),
      startedAt,
      lockout: options.operator?.lockout,
      now: options.operator?.now,
    });
    disposers.push(setupHttpRoutes({ server, displayDir, penDir, devices: deviceAdmin, pairing: pairingInfo, secret, slot, log, address, attractDigits: createAttractDigits(), liveWeights: () => live.weights(), operator }));
    const liveGreeting = (): HubMessage[] => {
      const status = live.status();
      return status ? [status] : [];
    };
    const sockets = setupDisplaySockets({ server, secret, slot, pipeline, get language() { return feed.language(); }, screen: room.screen, log, address, helloTimeoutMs: options.helloTimeoutMs, greeting: () => [pairingInfo(), ...liveGreeting(), feed.message()], onTimelineWatchers: (n) => timeline.setWatchers(n), liveTraining: live });
    broadcast = sockets.broadcast;
    sendTimeline = sockets.sendTimeline;
    disposers.push(() => sockets.close());
    const pens = setupPenSockets({ server, room, log, address, helloTimeoutMs: options.helloTimeoutMs });
    disposers.push(() => pens.close());
    // Displays show the new QR code and PIN as soon as the old ones are used or expire.
    codes.onChange(() => broadcast(pairingInfo()));

    await listenWithFallback(server, options.port ?? 0, host, options.portFallback ?? false, log);
    guardServer(server, log);
    if (lan && options.mdns !== false) {
      disposers.push(announceHub(address().port, log, typeof options.mdns === 'function' ? { factory: options.mdns } : {}));
    }
    // The resting state: a frame for the blank pad, sent to every display on hello.
    pipeline.submit({ strokes: [], inkId: null });

    const { port } = address();
    const base = `http://${urlHost(host)}:${port}/`;
    const loopbackBase = `http://${urlHost(isWildcard(host) ? '127.0.0.1' : host)}:${port}/`;
    const active = slot.current();
    log.info('listening', { url: base, model: modelPath, backend: active.backend.name, backendNotes: backendNotesOf(active.backend) });

    let closing: Promise<void> | undefined;
    async function switchModel(file: string): Promise<void> {
      // The live network copies the old model's shape: it ends before the model changes.
      await live.stop();
      const next = await slot.switchModel(path.resolve(file));
      broadcast(welcomeOf(next, feed.language()));
      pipeline.rerun();
    }
    return {
      displayUrl: `${loopbackBase}display/#k=${secret}`,
      url: base,
      port,
      host,
      backendName: active.backend.name,
      backendNotes: backendNotesOf(active.backend),
      modelPath,
      modelName: active.model.name,
      snapshotId: active.snapshotId,
      pairing: pairingInfo,
      devicesProblem: devices.problem,
      displayHealth: () => sockets.health(),
      reloadDisplays: (cause) => sockets.broadcast({ type: 'reload', cause: cause.slice(0, 200) }),
      settings,
      isDrawing: () => room.isDrawing(),
      switchModel,
      close: () => (closing ??= disposeAll(disposers, log)),
    };
  } catch (error) {
    await disposeAll(disposers, log);
    throw error;
  }
}

async function disposeAll(disposers: (() => unknown)[], log: HubLog): Promise<void> {
  for (const dispose of disposers.reverse()) {
    try {
      await dispose();
    } catch (error) {
      log.warn('shutdown step failed', { error: String(error) });
    }
  }
}

async function listenWithFallback(server: Server, port: number, host: string, fallback: boolean, log: HubLog): Promise<void> {
  try {
    await listen(server, port, host);
  } catch (error) {
    if (!fallback || port === 0 || !/already in use/.test(String(error))) throw error;
    // Paired tablets will not find the exhibit at a new port; say so loudly, but keep the exhibit up.
    log.warn(`port ${port} is taken; serving on a free port instead (paired tablets must scan the QR code again)`, { port });
    await listen(server, 0, host);
  }
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      const where = `${host}:${port}`;
      if (error.code === 'EADDRINUSE') reject(new Error(`port ${port} on ${host} is already in use (try --port 0 for a free one)`));
      else if (error.code === 'EADDRNOTAVAIL') reject(new Error(`cannot listen on ${where}: no such address on this machine`));
      else if (error.code === 'EACCES') reject(new Error(`not allowed to listen on ${where}`));
      else reject(error);
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Keep-alive connections would hold close() open for seconds.
    server.closeAllConnections();
  });
}

/**
 * Why the hub refuses to bind `host`, or undefined. The display and operator
 * routes answer loopback peers only, so a hub bound to one LAN address alone
 * would print a display URL that no browser, not even this machine's, can
 * open. Listening on that address and on 127.0.0.1 as well would also work;
 * refusing is simpler and loses nothing: 0.0.0.0 serves the LAN and loopback.
 */
export function hostProblem(host: string): string | undefined {
  if (isWildcard(host) || host.toLowerCase() === 'localhost' || isLoopbackAddress(host.replace(/^\[(.*)\]$/, '$1'))) return undefined;
  return `cannot serve on --host ${host}: the display is served on loopback only; use --host 0.0.0.0 to also serve the LAN, or 127.0.0.1 for this machine only`;
}

function isWildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '[::]';
}

function urlHost(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}
