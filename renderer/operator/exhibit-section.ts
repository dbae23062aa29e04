import { ATTRACT_SCENES, type DaySpan } from '../../app/contract/kiosk-settings.js';
import type { SettingsChange } from '../../app/contract/operator-request.js';
import type { OperatorState } from '../../app/contract/operator-state.js';
import type { Language } from '../shared/i18n.js';
import { h } from './dom.js';
import { operatorText, type OperatorTextKey } from './operator-text.js';

const SCENE_KEYS: Record<(typeof ATTRACT_SCENES)[number], OperatorTextKey> = { digit: 'sceneDigit', timeline: 'sceneTimeline', camera: 'sceneCamera', cta: 'sceneCta' };

/**
 * Exhibit settings: language, idle timeout, attract scenes, opening hours.
 * Built from the settings once per render; "Save" sends only these fields
 * (the hub checks them against the settings schema and says which is wrong).
 */
export function renderExhibitSection(box: HTMLElement, state: OperatorState, language: Language, save: (change: SettingsChange) => void): void {
  const t = (key: OperatorTextKey): string => operatorText(language, key);
  const s = state.settings;
  const lang = h('select', { id: 'setting-language' }, h('option', { value: 'en', selected: s.language === 'en' }, 'English'), h('option', { value: 'de', selected: s.language === 'de' }, 'Deutsch'));
  const idle = h('input', { id: 'setting-idle', type: 'number', min: 10, max: 3600, step: 1, value: String(s.idleTimeoutS), inputmode: 'numeric' });
  const scenes = ATTRACT_SCENES.map((scene) => h('input', { type: 'checkbox', value: scene, checked: s.attractScenes.includes(scene) }));
  const enabled = h('input', { type: 'checkbox', id: 'setting-hours-enabled', checked: s.openingHours.enabled });
  const dayNames = t('days').split(',');
  const days = s.openingHours.days.map((span, i) => {
    const open = h('input', { type: 'time', value: span?.open ?? '09:00', disabled: span === null });
    const close = h('input', { type: 'time', value: span?.close ?? '18:00', disabled: span === null });
    const closed = h('input', { type: 'checkbox', checked: span === null, onchange: () => ((open.disabled = closed.checked), (close.disabled = closed.checked)) });
    return { row: h('div', { class: 'day' }, h('span', { class: 'day-name' }, dayNames[i] ?? String(i)), open, '–', close, h('label', {}, closed, ` ${t('closedDay')}`)), open, close, closed };
  });
  const onSave = (): void => {
    save({
      language: lang.value === 'de' ? 'de' : 'en',
      idleTimeoutS: Number(idle.value),
      attractScenes: ATTRACT_SCENES.filter((_, i) => scenes[i]?.checked),
      openingHours: { enabled: enabled.checked, days: days.map((d): DaySpan | null => (d.closed.checked ? null : { open: d.open.value, close: d.close.value })) },
    });
  };
  box.replaceChildren(
    h('h2', {}, t('exhibitTitle')),
    h('label', { class: 'field' }, t('language'), lang),
    h('label', { class: 'field' }, t('idleTimeout'), idle),
    h('fieldset', {}, h('legend', {}, t('attractScenes')), ...ATTRACT_SCENES.map((scene, i) => h('label', { class: 'check' }, scenes[i] as HTMLInputElement, ` ${t(SCENE_KEYS[scene])}`))),
    h('fieldset', {}, h('legend', {}, t('openingHours')), h('label', { class: 'check' }, enabled, ` ${t('openingEnabled')}`), ...days.map((d) => d.row)),
    h('div', { class: 'row' }, h('button', { type: 'button', class: 'primary', id: 'save-exhibit', onclick: onSave }, t('save'))),
  );
}
