/**
 * Limits and timings of the pen protocol (docs/PROTOCOL.md). A pen is a LAN
 * client nobody vouches for, so its frames are held tighter than the
 * display's: small frames, small batches, a per-socket budget of messages and
 * points that a visitor drawing at 240 Hz never reaches.
 */
export const PEN_LIMITS = {
  /** Every pen frame but `drawing`; larger ones get "too-large". */
  maxFrameBytes: 64 * 1024,
  /** `drawing` carries the whole drawing after a reconnect; the ink limits written with one decimal fit. */
  maxDrawingFrameBytes: 512 * 1024,
  /** Before its hello is accepted a socket may send only frames this small (a hello is well under 1 KiB). */
  maxHelloFrameBytes: 2 * 1024,
  maxPointsPerBatch: 256,
  maxNameLength: 40,
  minClientIdLength: 8,
  maxClientIdLength: 64,
  maxTokenLength: 128,
  /** Token bucket per socket: sustained rate and burst. */
  messagesPerSecond: 120,
  messageBurst: 240,
  pointsPerSecond: 2_000,
  /** Room for one full-size `drawing` (16,384 points) plus some drawing on top. */
  pointsBurst: 20_000,
  /** Frame bytes per socket, paid before a frame is parsed: parsing is the costly part of a flood. */
  bytesPerSecond: 256 * 1024,
  /** Room for two full-size `drawing` frames. */
  bytesBurst: 1024 * 1024,
  /** Dropped messages (over a budget, or invalid) a socket may cause before it is closed with 4429. */
  maxDroppedBeforeClose: 200,
  /** Open pen sockets, all together and per source address (a tablet needs one; a page reload briefly two). */
  maxSockets: 64,
  maxSocketsPerAddress: 8,
  /** Of those, sockets that have not said hello yet: a few, so idle sockets can never keep paired tablets out. */
  maxPendingSockets: 16,
  maxPendingSocketsPerAddress: 4,
} as const;

export const PEN_TIMING = {
  /** The pen pings this often; the hub answers pong. */
  pingIntervalMs: 5_000,
  /** A pen that hears nothing for this long treats the link as dead and reconnects. */
  deadLinkMs: 12_000,
  /** The hub drops a pen socket from which nothing (message or ws pong) came for this long. */
  hubSilenceLimitMs: 30_000,
  /** A socket must say hello within this time (a page sends it the moment the socket opens). */
  helloTimeoutMs: 5_000,
  idleTakeoverMs: 4_000,
  /** A pair token and PIN live this long, and rotate after each use. */
  pairingTtlMs: 3 * 60_000,
  reconnectMinMs: 500,
  reconnectMaxMs: 10_000,
  reconnectJitter: 0.3,
} as const;

export const PIN_LOCKOUT = {
  /** Wrong PINs from one source address before it is locked out. */
  maxFailures: 5,
  firstLockMs: 60_000,
  maxLockMs: 15 * 60_000,
  /** Wrong PINs from all addresses together after which the PIN itself is replaced. */
  globalFailuresBeforeRotate: 20,
} as const;

/** WebSocket close codes the hub uses on pen sockets. */
export const PEN_CLOSE = {
  /** Unauthorized or revoked: do not retry with the same token. */
  unauthorized: 4401,
  /** No hello in time. */
  helloTimeout: 4408,
  /** Locked out or rate limited: retry after the time given in the error. */
  tooMany: 4429,
  /** Hub shutting down: retry with backoff. */
  goingAway: 1001,
} as const;
