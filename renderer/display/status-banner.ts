import { translate, type Language, type StringKey } from '../shared/i18n.js';
import type { HubStatus } from './hub-client.js';

const TEXT: Record<Exclude<HubStatus, 'connected'>, StringKey> = {
  connecting: 'statusConnecting',
  reconnecting: 'statusReconnecting',
  refused: 'statusRefused',
};

/**
 * A calm full-screen message while the hub is unreachable. Shown only after
 * a short delay, so a quick reconnect does not flash it at visitors.
 */
export class StatusBanner {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private status: HubStatus = 'connecting';
  private language: Language = 'en';

  constructor(
    private readonly box: HTMLElement,
    private readonly text: HTMLElement,
    private readonly delayMs = 1_500,
  ) {}

  setLanguage(language: Language): void {
    this.language = language;
    if (this.status !== 'connected') this.text.textContent = translate(language, TEXT[this.status]);
  }

  show(status: HubStatus): void {
    this.status = status;
    clearTimeout(this.timer);
    if (status === 'connected') {
      this.box.hidden = true;
      return;
    }
    this.text.textContent = translate(this.language, TEXT[status]);
    this.timer = setTimeout(() => (this.box.hidden = false), status === 'refused' ? 0 : this.delayMs);
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}
