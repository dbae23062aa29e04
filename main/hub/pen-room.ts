import type { ExhibitLanguage } from '../../app/contract/exhibit-language.js';
import type { Frame } from '../../app/contract/frame.js';
import { hubError } from '../../app/contract/hub-error.js';
import { PROTOCOL_VERSION } from '../../app/contract/limits.js';
import type { DrawerState, Guess, PenHubMessage } from '../../app/contract/pen-hub-messages.js';
import { PEN_CLOSE, PEN_TIMING, PIN_LOCKOUT } from '../../app/contract/pen-limits.js';
import type { PenHello, PenInkMessage } from '../../app/contract/pen-messages.js';
import { lockoutKeyOf } from '../../app/pairing/address-key.js';
import { createDrawerRule } from '../../app/pairing/drawer-rule.js';
import { createPinLockout } from '../../app/pairing/pin-lockout.js';
import type { DeviceStore } from './device-store.js';
import type { HubLog } from './hub-log.js';
import type { InkPipeline } from './ink-pipeline.js';
import type { PairingCodes } from './pairing-codes.js';
import { applyInk, emptyDrawing, strokesOf, type PenDrawing } from './pen-drawing.js';

/** One pen socket as the room sees it: transport-free, so the rules read in one place. */
export interface PenPeer {
  readonly remote: string;
  send(message: PenHubMessage): void;
  close(code: number, reason: string): void;
}

export interface PenRoomDeps {
  readonly devices: DeviceStore;
  readonly codes: PairingCodes;
  readonly pipeline: InkPipeline;
  readonly log: HubLog;
  readonly language: ExhibitLanguage;
  readonly now?: () => number;
  readonly idleTakeoverMs?: number;
}

export interface PenRoom {
  /** A hello on `peer`; resolves to the device id when accepted (the peer is closed otherwise). */
  hello(peer: PenPeer, hello: PenHello): Promise<string | undefined>;
  ink(peer: PenPeer, message: PenInkMessage): void;
  leave(peer: PenPeer): void;
  /** Closes the revoked device's sockets with 4401; false when there was no such device. */
  revoke(deviceId: string): Promise<boolean>;
  connectedCount(deviceId: string): number;
  /** The exhibit's language changed (deps.language reads the new one): every connected pen gets its welcome again, in it. */
  greetAgain(): void;
  /** A visitor holds the turn (a tablet or the screen's pad) and has not gone idle: updates and nightly restarts wait. */
  isDrawing(): boolean;
  /** The display's own pad, which takes turns with the pens. */
  readonly screen: ScreenTurn;
  dispose(): void;
}

/** The exhibit screen's pad as one more drawer under the same rule as the pens. */
export interface ScreenTurn {
  /** Ink from the pad: 0 when it may draw (it holds the turn then), else the ms until the holder may turn idle. */
  ink(): number;
  /** True when attract mode's ink may be shown: no tablet holds the turn (or its holder is idle). */
  attractMayShow(): boolean;
  /** The pad was cleared: true when it held the turn (then its empty drawing should blank the wall). */
  clear(): boolean;
}

/** The screen's drawer id: device ids are never empty (device-store), so it cannot collide with a pen. */
const SCREEN = '';
/** How pens see the screen as the holder. */
const SCREEN_NAME = 'exhibit screen';

interface Pen {
  readonly deviceId: string;
  name: string;
  readonly drawing: PenDrawing;
  readonly peers: Set<PenPeer>;
}

/**
 * The pens together: pairing and device auth, each pen's drawing, the
 * one-active-drawer rule, and the way from ink to the shared pipeline and
 * back (the guess goes to the pen whose ink made the frame). A pen's state is
 * kept per device, not per socket, so a tablet that reconnects keeps its
 * drawing and its turn.
 */
export function createPenRoom(deps: PenRoomDeps): PenRoom {
  const now = deps.now ?? Date.now;
  const idleTakeoverMs = deps.idleTakeoverMs ?? PEN_TIMING.idleTakeoverMs;
  const drawer = createDrawerRule(idleTakeoverMs);
  const lockout = createPinLockout(PIN_LOCKOUT);
  const pens = new Map<string, Pen>();
  const penOf = new Map<PenPeer, Pen>();
  let announced = '';
  let idleTimer: NodeJS.Timeout | undefined;
  let wrongPinsLogged = 0;

  function drawerFor(pen: Pen | undefined): DrawerState {
    const { holder, free } = drawer.state(now());
    return { type: 'drawer', active: !!pen && holder === pen.deviceId, holder: holder === null ? null : holder === SCREEN ? SCREEN_NAME : (pens.get(holder)?.name ?? 'tablet'), free, idleTakeoverMs };
  }

  /** Tells every pen who draws, when that changed; and wakes up when the holder turns idle. */
  function announce(): void {
    for (const pen of pens.values()) forgetIdle(pen);
    const { holder, free } = drawer.state(now());
    const key = `${holder}|${free}|${holder ? pens.get(holder)?.name : ''}`;
    if (key !== announced) {
      announced = key;
      for (const pen of pens.values()) for (const peer of pen.peers) peer.send(drawerFor(pen));
    }
    clearTimeout(idleTimer);
    const idleAt = drawer.idleAt();
    if (idleAt !== null && !free) idleTimer = setTimeout(announce, Math.max(0, idleAt - now())).unref();
  }

  function show(pen: Pen): void {
    const strokes = strokesOf(pen.drawing);
    const points = strokes.reduce((n, s) => n + s.length, 0);
    const last = pen.drawing.strokes.length - 1;
    deps.pipeline.submit({
      strokes,
      inkId: null,
      pen: { deviceId: pen.deviceId, name: pen.name, points },
      onError: (m) => sendAll(pen, hubError('internal', m)),
      onFrame: (frame) => sendAll(pen, guessOf(frame, last, points)),
    });
  }

  const welcomeFor = (pen: Pen): PenHubMessage => ({ type: 'pen-welcome', protocol: PROTOCOL_VERSION, deviceId: pen.deviceId, name: pen.name, language: deps.language, drawer: drawerFor(pen) });

  function sendAll(pen: Pen, message: PenHubMessage): void {
    for (const peer of pen.peers) peer.send(message);
  }

  async function authenticate(peer: PenPeer, hello: PenHello): Promise<{ deviceId: string; name: string } | undefined> {
    const refuse = (why: string): undefined => {
      peer.send(hubError('unauthorized', why));
      peer.close(PEN_CLOSE.unauthorized, 'unauthorized');
      return undefined;
    };
    const { auth } = hello;
    if (auth.kind === 'device') {
      const record = deps.devices.find(auth.token);
      if (!record) return refuse('unknown or revoked device token: pair again');
      deps.devices.touch(record.id, now(), hello.name);
      return { deviceId: record.id, name: record.name };
    }
    if (auth.kind === 'pin') {
      const key = lockoutKeyOf(peer.remote);
      const wait = lockout.retryAfter(key, now());
      if (wait > 0) return lockedOut(peer, wait);
      if (!deps.codes.usePin(auth.pin)) {
        const lock = lockout.fail(key, now());
        // Every lock is logged; single wrong PINs only now and then (a spray must not fill the disk).
        if (lock > 0 || ++wrongPinsLogged <= 20 || wrongPinsLogged % 100 === 0) deps.log.warn('wrong pairing PIN', { remote: peer.remote, lockedForMs: lock, wrongPins: wrongPinsLogged });
        return lock > 0 ? lockedOut(peer, lock) : refuse('wrong or expired PIN');
      }
      lockout.succeed(key);
    } else if (!deps.codes.useToken(auth.token)) {
      return refuse('pair token unknown, used or expired: scan the QR code again');
    }
    const name = hello.name ?? freeTabletName();
    const { record, token } = await deps.devices.add(name, now());
    // Revoked while its record was being saved: the operator's word wins.
    if (!deps.devices.list().some((d) => d.id === record.id)) return refuse('this tablet was unpaired by the operator');
    peer.send({ type: 'paired', deviceId: record.id, deviceToken: token });
    deps.log.info('tablet paired', { deviceId: record.id, name, by: auth.kind, remote: peer.remote });
    return { deviceId: record.id, name };
  }

  /** "tablet N" with the smallest N no paired device is called (counting devices would repeat names after a revoke). */
  function freeTabletName(): string {
    const taken = new Set(deps.devices.list().map((d) => d.name));
    let n = 1;
    while (taken.has(`tablet ${n}`)) n++;
    return `tablet ${n}`;
  }

  /** A device with no socket and no turn needs no drawing here: its page re-sends it on reconnect. */
  function forgetIdle(pen: Pen): void {
    if (pen.peers.size === 0 && drawer.state(now()).holder !== pen.deviceId) pens.delete(pen.deviceId);
  }

  function lockedOut(peer: PenPeer, retryAfterMs: number): undefined {
    peer.send({ ...hubError('locked-out', 'too many wrong PINs from this address'), retryAfterMs });
    peer.close(PEN_CLOSE.tooMany, 'locked out');
    return undefined;
  }

  return {
    async hello(peer, hello) {
      const who = await authenticate(peer, hello);
      if (!who) return undefined;
      let pen = pens.get(who.deviceId);
      if (!pen) {
        pen = { deviceId: who.deviceId, name: who.name, drawing: emptyDrawing(), peers: new Set() };
        pens.set(pen.deviceId, pen);
      }
      pen.name = hello.name ?? pen.name;
      pen.peers.add(peer);
      penOf.set(peer, pen);
      peer.send(welcomeFor(pen));
      return pen.deviceId;
    },

    ink(peer, message) {
      const pen = penOf.get(peer);
      if (!pen) return;
      const result = applyInk(pen.drawing, message);
      if ('error' in result) return peer.send(hubError(result.error, result.message));
      if (!result.changed) return;
      if (pen.drawing.strokes.length === 0) {
        // Nothing left (clear, undo of the last stroke, an empty drawing): that is no bid for the
        // turn; the holder's empty drawing ends its turn and blanks the wall.
        if (drawer.state(now()).holder === pen.deviceId) {
          drawer.release(pen.deviceId);
          show(pen);
        } else {
          peer.send({ type: 'guess', digit: null, confidence: 0, empty: true, stroke: null, points: 0 });
        }
        return announce();
      }
      if (!drawer.ink(pen.deviceId, now())) {
        if (message.type !== 'stroke-points') peer.send(hubError('not-your-turn', `${drawerFor(pen).holder ?? 'another tablet'} is drawing`));
        return;
      }
      show(pen);
      announce();
    },

    leave(peer) {
      const pen = penOf.get(peer);
      if (!pen) return;
      penOf.delete(peer);
      pen.peers.delete(peer);
      // The drawing and the turn stay with the holder: a Wi-Fi drop is not the end of a visitor's digit.
      forgetIdle(pen);
    },

    async revoke(deviceId) {
      if (!deps.devices.list().some((d) => d.id === deviceId)) return false;
      // Its sockets go first: a revoked tablet must not draw while the file is written.
      const pen = pens.get(deviceId);
      if (pen) {
        for (const peer of pen.peers) {
          peer.send(hubError('revoked', 'this tablet was unpaired by the operator'));
          peer.close(PEN_CLOSE.unauthorized, 'revoked');
          penOf.delete(peer);
        }
        pens.delete(deviceId);
        if (drawer.state(now()).holder === deviceId) {
          drawer.release(deviceId);
          // Its digit leaves the wall with it.
          deps.pipeline.submit({ strokes: [], inkId: null });
        }
        announce();
      }
      deps.log.info('tablet revoked', { deviceId });
      return deps.devices.revoke(deviceId);
    },

    connectedCount: (deviceId) => pens.get(deviceId)?.peers.size ?? 0,
    greetAgain: () => {
      for (const pen of pens.values()) for (const peer of pen.peers) peer.send(welcomeFor(pen));
    },

    isDrawing: () => !drawer.state(now()).free,

    screen: {
      attractMayShow: () => drawer.state(now()).free,
      ink() {
        if (!drawer.ink(SCREEN, now())) return Math.max(1, (drawer.idleAt() ?? now()) - now());
        announce();
        return 0;
      },
      clear() {
        const held = drawer.state(now()).holder === SCREEN;
        drawer.release(SCREEN);
        announce();
        return held;
      },
    },

    dispose() {
      clearTimeout(idleTimer);
    },
  };
}

function guessOf(frame: Frame, lastStroke: number, points: number): Guess {
  if (frame.empty) return { type: 'guess', digit: null, confidence: 0, empty: true, stroke: null, points: 0 };
  let digit = 0;
  frame.probabilities.forEach((p, i) => {
    if (p > (frame.probabilities[digit] ?? 0)) digit = i;
  });
  const confidence = Math.min(1, Math.max(0, frame.probabilities[digit] ?? 0));
  return { type: 'guess', digit, confidence, empty: false, stroke: Math.max(0, lastStroke), points };
}
