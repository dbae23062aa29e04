import type { OperatorState } from '../../app/contract/operator-state.js';
import type { Language } from '../shared/i18n.js';
import { h } from './dom.js';
import { operatorText, type OperatorTextKey } from './operator-text.js';

/** Health: uptime, memory, displays and frame rate, backends, tablets, restarts, recent problems. Read-only. */
export function renderHealthSection(box: HTMLElement, state: OperatorState, language: Language): void {
  const t = (key: OperatorTextKey, p?: Record<string, string | number>): string => operatorText(language, key, p);
  const x = state.health;
  const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(0);
  const time = new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'medium' });
  const restarts = x.restarts === null ? t('restartsUnknown') : x.restarts.length === 0 ? t('restartsNone') : '';
  box.replaceChildren(
    h('h2', {}, t('healthTitle')),
    h(
      'ul',
      { class: 'facts', id: 'health-facts' },
      h('li', {}, t('uptime', { time: duration(x.uptimeS) })),
      h('li', {}, t('memory', { rss: mb(x.memory.rss), heap: mb(x.memory.heapUsed) })),
      h('li', {}, t('displays', { count: x.displays.connected })),
      h('li', {}, t('fps', { fps: x.displays.fps === null ? t('fpsUnknown') : x.displays.fps.toFixed(0) })),
      h('li', {}, t('inference', { backend: x.inference.backend }), ...x.inference.notes.map((n) => h('span', { class: 'help block' }, n))),
      h('li', {}, t('training', { backend: x.training.backend }), ...x.training.notes.map((n) => h('span', { class: 'help block' }, n))),
      h('li', {}, t('tablets', { count: x.tabletsConnected })),
    ),
    h('h3', {}, t('restarts')),
    restarts ? h('p', { class: 'help' }, restarts) : h('ul', { class: 'facts' }, ...(x.restarts ?? []).map((r) => h('li', {}, `${time.format(r.at)} · ${r.cause}`))),
    h('h3', {}, t('problems')),
    x.recentProblems.length === 0
      ? h('p', { class: 'help' }, t('problemsNone'))
      : h('ul', { class: 'facts problems' }, ...x.recentProblems.slice(0, 20).map((p) => h('li', { class: p.level }, `${time.format(p.at)} ${p.level}: ${p.message}`, p.detail ? h('span', { class: 'help block' }, p.detail) : null))),
  );
}

function duration(seconds: number): string {
  const d = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3_600);
  const m = Math.floor((seconds % 3_600) / 60);
  return d > 0 ? `${d}d ${hours}h` : hours > 0 ? `${hours}h ${m}m` : `${m}m ${seconds % 60}s`;
}
