import QRCode from 'qrcode';
import type { OperatorAction } from '../../app/contract/operator-request.js';
import type { OperatorState } from '../../app/contract/operator-state.js';
import type { Language } from '../shared/i18n.js';
import { h } from './dom.js';
import { operatorText } from './operator-text.js';

/** Tablets: the pairing QR code and PIN, and the paired devices with "Unpair". */
export function renderPairingSection(box: HTMLElement, state: OperatorState, language: Language, act: (a: OperatorAction) => void): void {
  const t = (key: Parameters<typeof operatorText>[1], p?: Record<string, string | number>): string => operatorText(language, key, p);
  const qr = h('div', { class: 'qr', id: 'pairing-qr' });
  const url = state.pairing.penUrl;
  // The URL carries a one-time token: shown as a code, not as text to copy.
  QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }).then(
    (svg) => (qr.innerHTML = svg),
    (error: unknown) => console.warn(`pairing QR code not drawn: ${String(error)}`),
  );
  const time = new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short' });
  const devices = h('ul', { class: 'devices', id: 'device-list' });
  for (const d of state.devices) {
    devices.append(
      h('li', {}, h('span', {}, d.name || d.id), h('span', { class: 'help' }, d.connected > 0 ? t('pairingConnected') : t('pairingLastSeen', { time: time.format(d.lastSeenAt) })), h('button', { type: 'button', 'data-device-id': d.id, onclick: () => act({ action: 'revoke-device', deviceId: d.id }) }, t('revoke'))),
    );
  }
  box.replaceChildren(
    h('h2', {}, t('pairingTitle')),
    state.pairing.lan ? h('p', { class: 'help' }, t('pairingHelp')) : h('p', { class: 'note' }, t('pairingLoopback')),
    h('div', { class: 'row' }, qr, h('p', { class: 'pin' }, `${t('pairingPin')} `, h('strong', { id: 'pairing-pin' }, state.pairing.pin))),
    state.devices.length ? devices : h('p', { class: 'help' }, t('pairingNone')),
  );
}
