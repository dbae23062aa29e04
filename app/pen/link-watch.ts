/**
 * Heartbeat bookkeeping with an injectable clock: the pen pings every 5 s,
 * and a link that has said nothing for 12 s is dead even if the socket still
 * looks open (Wi-Fi that dropped without a FIN leaves exactly that).
 */
export const HEARTBEAT = { pingEveryMs: 5_000, deadAfterMs: 12_000 } as const;

export class LinkWatch {
  private lastHeard: number;
  private lastPing: number;

  constructor(private readonly now: () => number) {
    this.lastHeard = now();
    this.lastPing = this.lastHeard;
  }

  heard(): void {
    this.lastHeard = this.now();
  }

  /** What a periodic tick should do now. */
  tick(): 'dead' | 'ping' | 'wait' {
    const t = this.now();
    if (t - this.lastHeard > HEARTBEAT.deadAfterMs) return 'dead';
    if (t - this.lastPing >= HEARTBEAT.pingEveryMs) {
      this.lastPing = t;
      return 'ping';
    }
    return 'wait';
  }
}
