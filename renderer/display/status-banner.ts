import type { HubStatus } from './hub-client.js';

const TEXT: Record<Exclude<HubStatus, 'connected'>, string> = {
  connecting: 'One moment, the exhibit is starting.',
  reconnecting: 'One moment, the exhibit is reconnecting.',
  refused: 'This screen is not connected to the exhibit. Please tell a member of staff.',
};

/**
 * A calm full-screen message while the hub is unreachable. Shown only after
 * a short delay, so a quick reconnect does not flash it at visitors.
 */
export class StatusBanner {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly box: HTMLElement,
    private readonly text: HTMLElement,
    private readonly delayMs = 1_500,
  ) {}

  show(status: HubStatus): void {
    clearTimeout(this.timer);
    if (status === 'connected') {
      this.box.hidden = true;
      return;
    }
    this.text.textContent = TEXT[status];
    this.timer = setTimeout(() => (this.box.hidden = false), status === 'refused' ? 0 : this.delayMs);
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}
