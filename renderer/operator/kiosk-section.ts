import type { OperatorAction, SettingsChange } from '../../app/contract/operator-request.js';
import type { OperatorState } from '../../app/contract/operator-state.js';
import type { Language } from '../shared/i18n.js';
import { h } from './dom.js';
import { operatorText, type OperatorTextKey } from './operator-text.js';

/**
 * The kiosk itself: start at login, nightly restart, restart and exit (each
 * with a second tap to confirm), and the PIN change.
 */
export function renderKioskSection(box: HTMLElement, state: OperatorState, language: Language, act: (a: OperatorAction) => void, save: (change: SettingsChange) => void): void {
  const t = (key: OperatorTextKey): string => operatorText(language, key);
  const s = state.settings;
  const atLogin = h('input', { type: 'checkbox', id: 'setting-launch-at-login', checked: s.launchAtLogin });
  const nightly = h('input', { type: 'number', id: 'setting-nightly', min: 0, max: 23, step: 1, value: s.nightlyRestartHour === null ? '' : String(s.nightlyRestartHour), inputmode: 'numeric' });
  const confirmed = (label: string, action: 'restart' | 'exit'): HTMLButtonElement => {
    let armed = false;
    const button = h('button', { type: 'button', class: 'danger', id: `kiosk-${action}` }, label);
    button.addEventListener('click', () => {
      if (!armed) {
        armed = true;
        button.textContent = t('confirm');
        // Disarmed again after a while: a tap much later is a new decision.
        setTimeout(() => ((armed = false), (button.textContent = label)), 5_000);
        return;
      }
      act({ action });
    });
    return button;
  };
  const current = h('input', { type: 'password', id: 'pin-current', inputmode: 'numeric', autocomplete: 'off', maxlength: 8 });
  const next = h('input', { type: 'password', id: 'pin-next', inputmode: 'numeric', autocomplete: 'off', maxlength: 8 });
  box.replaceChildren(
    h('h2', {}, t('kioskTitle')),
    h('label', { class: 'check' }, atLogin, ` ${t('launchAtLogin')}`),
    h('label', { class: 'field' }, t('nightlyRestart'), nightly),
    h('div', { class: 'row' }, h('button', { type: 'button', id: 'save-kiosk', onclick: () => save({ launchAtLogin: atLogin.checked, nightlyRestartHour: nightly.value === '' ? null : Number(nightly.value) }) }, t('save'))),
    state.shell && state.shell !== 'none' ? h('div', { class: 'row' }, confirmed(t('restart'), 'restart'), confirmed(t('exit'), 'exit')) : h('p', { class: 'note' }, t('shellNone')),
    h('h3', {}, t('pinChangeTitle')),
    h('label', { class: 'field' }, t('pinCurrent'), current),
    h('label', { class: 'field' }, t('pinNext'), next),
    h('div', { class: 'row' }, h('button', { type: 'button', id: 'change-pin', onclick: () => act({ action: 'set-pin', current: current.value, next: next.value }) }, t('pinChange'))),
  );
}
