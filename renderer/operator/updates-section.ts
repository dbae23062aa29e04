import { UPDATE_CHANNELS } from '../../app/contract/kiosk-settings.js';
import type { OperatorAction, SettingsChange } from '../../app/contract/operator-request.js';
import type { OperatorState } from '../../app/contract/operator-state.js';
import type { Language } from '../shared/i18n.js';
import { h } from './dom.js';
import { operatorText, type OperatorTextKey } from './operator-text.js';

/** Updates: the updater's status, "Check now" / "Install now", and the feed settings. Without an updater it says so. */
export function renderUpdatesSection(box: HTMLElement, state: OperatorState, language: Language, act: (a: OperatorAction) => void, save: (change: SettingsChange) => void): void {
  const t = (key: OperatorTextKey, p?: Record<string, string | number>): string => operatorText(language, key, p);
  const u = state.settings.updates;
  const feed = h('input', { type: 'url', id: 'setting-feed', value: u.feedUrl ?? '', placeholder: 'https://…' });
  const channel = h('select', { id: 'setting-channel' }, ...UPDATE_CHANNELS.map((c) => h('option', { value: c, selected: c === u.channel }, c)));
  const open = h('input', { type: 'time', value: u.maintenanceWindow.open });
  const close = h('input', { type: 'time', value: u.maintenanceWindow.close });
  const status = state.updates;
  box.replaceChildren(
    h('h2', {}, t('updatesTitle')),
    status
      ? h(
          'div',
          {},
          h('p', { id: 'update-state' }, t('updateState', { state: status.state }), status.waitingFor ? ` · ${status.waitingFor}` : '', status.error ? ` · ${status.error}` : ''),
          h('p', { class: 'help' }, t('updateVersion', { current: status.currentVersion, available: status.availableVersion ?? '—' })),
          h('div', { class: 'row' }, h('button', { type: 'button', id: 'check-update', onclick: () => act({ action: 'check-update' }) }, t('checkNow')), h('button', { type: 'button', id: 'install-update', disabled: status.state !== 'downloaded', onclick: () => act({ action: 'install-update' }) }, t('installNow'))),
          h('p', { id: 'update-pins' }, t('updatePins', { pinned: status.pinnedVersion ?? '—', lastGood: status.lastGoodVersion ?? '—' })),
          h(
            'div',
            { class: 'row' },
            h('button', { type: 'button', id: 'pin-version', disabled: status.pinnedVersion === status.currentVersion, onclick: () => act({ action: 'pin-update', which: 'current' }) }, t('versionPin')),
            // A roll back only makes sense to an older good version than the one running.
            status.lastGoodVersion && status.lastGoodVersion !== status.currentVersion
              ? h('button', { type: 'button', id: 'pin-last-good', onclick: () => act({ action: 'pin-update', which: 'last-good' }) }, t('pinLastGood', { version: status.lastGoodVersion }))
              : null,
            h('button', { type: 'button', id: 'unpin', disabled: status.pinnedVersion === null, onclick: () => act({ action: 'pin-update', which: null }) }, t('unpin')),
          ),
          h('p', { class: 'help' }, t('pinHelp')),
        )
      : h('p', { class: 'note', id: 'update-state' }, t('updatesNone')),
    h('label', { class: 'field' }, t('feedUrl'), feed),
    h('label', { class: 'field' }, t('channel'), channel),
    h('label', { class: 'field' }, t('window'), h('span', { class: 'row' }, open, '–', close)),
    h(
      'div',
      { class: 'row' },
      h('button', { type: 'button', id: 'save-updates', onclick: () => save({ updates: { feedUrl: feed.value.trim() || null, channel: channel.value as (typeof UPDATE_CHANNELS)[number], maintenanceWindow: { open: open.value, close: close.value } } }) }, t('save')),
    ),
  );
}
