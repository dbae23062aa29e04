import type { OperatorAction } from '../../app/contract/operator-request.js';
import type { OperatorState } from '../../app/contract/operator-state.js';
import type { Language } from '../shared/i18n.js';
import { h } from './dom.js';
import { operatorText } from './operator-text.js';

/**
 * Snapshot & model: the timeline as a list (images seen, test accuracy);
 * a tap previews that snapshot on every display, "Keep as default" saves
 * it, "Back" returns to the default. Below: installed models and uploads.
 */
export function renderSnapshotSection(box: HTMLElement, state: OperatorState, language: Language, act: (a: OperatorAction) => void, upload: (files: FileList, folder: boolean) => void): void {
  const t = (key: Parameters<typeof operatorText>[1], p?: Record<string, string | number>): string => operatorText(language, key, p);
  const number = new Intl.NumberFormat(language);
  const list = h('ol', { class: 'snapshots', id: 'snapshot-list' });
  for (const entry of state.model.timeline) {
    const shown = entry.id === state.snapshotId;
    const isDefault = entry.id === state.defaultSnapshotId;
    const accuracy = entry.accuracy === null ? t('snapshotNoAccuracy') : t('snapshotAccuracy', { percent: (entry.accuracy * 100).toFixed(1) });
    list.append(
      h(
        'li',
        {},
        h(
          'button',
          { type: 'button', class: 'snapshot', 'data-snapshot-id': entry.id, 'aria-pressed': String(shown), onclick: () => act({ action: 'preview-snapshot', snapshotId: entry.id }) },
          h('span', { class: 'snapshot-label' }, entry.label),
          h('span', { class: 'snapshot-meta' }, `${t('snapshotImages', { images: number.format(entry.imagesSeen) })} · ${accuracy}`),
          shown && h('span', { class: 'tag' }, t('snapshotShown')),
          isDefault && h('span', { class: 'tag tag-default' }, t('snapshotDefault')),
        ),
      ),
    );
  }
  const changed = state.snapshotId !== state.defaultSnapshotId;
  const models = h('ul', { class: 'models' });
  for (const m of state.installedModels) {
    models.append(h('li', {}, h('span', {}, m.name), m.inUse ? h('span', { class: 'tag' }, '✓') : h('button', { type: 'button', 'data-model-id': m.id, onclick: () => act({ action: 'switch-model', modelId: m.id }) }, t('modelUse'))));
  }
  const onnx = h('input', { type: 'file', accept: '.onnx', id: 'upload-onnx', class: 'file', onchange: (e: Event) => pick(e, false) });
  const folder = h('input', { type: 'file', id: 'upload-export', class: 'file', multiple: true, onchange: (e: Event) => pick(e, true) });
  folder.setAttribute('webkitdirectory', '');
  function pick(e: Event, isFolder: boolean): void {
    const input = e.target as HTMLInputElement;
    if (input.files?.length) upload(input.files, isFolder);
    input.value = '';
  }
  box.replaceChildren(
    h('h2', {}, t('snapshotTitle')),
    h('p', { class: 'help' }, t('snapshotHelp')),
    h('div', { class: 'row' }, h('button', { type: 'button', id: 'keep-default', class: 'primary', disabled: !changed, onclick: () => act({ action: 'keep-snapshot' }) }, t('keepDefault')), h('button', { type: 'button', id: 'revert-snapshot', disabled: !changed, onclick: () => act({ action: 'revert-snapshot' }) }, t('back'))),
    list,
    h('p', { class: 'help' }, t('modelInUse', { name: state.model.name, backend: state.backend })),
    h('h3', {}, t('modelSwitch')),
    models,
    state.uploadProblem
      ? h('p', { class: 'note', title: state.uploadProblem }, t('modelNoStateDir'))
      : h('div', { class: 'row' }, h('label', { class: 'button' }, t('modelUploadOnnx'), onnx), h('label', { class: 'button' }, t('modelUploadExport'), folder)),
  );
}
