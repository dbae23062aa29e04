import QRCode from 'qrcode';
import { translate, type Language } from '../shared/i18n.js';

/** What the hub's `pairing` message carries (app/contract/pairing-info.ts). */
export interface PairingView {
  readonly penUrl: string;
  readonly pin: string;
  readonly lan: boolean;
}

/**
 * The pairing corner of the display: a small QR code of the pen page's URL
 * (with its one-time token) and the 6-digit PIN, under one calm line. It
 * stays out of the way of the network; it hides while the hub serves
 * loopback only, since no tablet could reach it then.
 */
export class PairingPanel {
  private shownUrl = '';
  private request = 0;

  constructor(
    private readonly box: HTMLElement,
    private readonly qr: HTMLElement,
    private readonly pin: HTMLElement,
    private readonly line: HTMLElement,
    private readonly pinLabel: HTMLElement,
    private language: Language = 'en',
  ) {
    this.setLanguage(language);
  }

  setLanguage(language: Language): void {
    this.language = language;
    this.line.textContent = translate(language, 'pairingLine');
    this.pinLabel.textContent = translate(language, 'pairingPin');
  }

  show(info: PairingView): void {
    this.box.hidden = !info.lan;
    // Spaced in threes: easier to read off a wall and type on a keypad.
    this.pin.textContent = `${info.pin.slice(0, 3)} ${info.pin.slice(3)}`;
    if (info.penUrl === this.shownUrl) return;
    this.shownUrl = info.penUrl;
    const request = ++this.request;
    // SVG: sharp at any size, no canvas, and CSP-safe (no inline styles in qrcode's output).
    QRCode.toString(info.penUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 2, color: { dark: '#0b1220', light: '#f4f7fb' } }).then(
      (svg) => {
        // A newer token may have arrived while this one was encoded.
        if (request !== this.request) return;
        this.qr.innerHTML = svg;
      },
      (error: unknown) => console.warn(`pairing QR code not drawn: ${String(error)}`),
    );
  }
}
