import { translate, type Language, type StringKey } from './i18n.js';

/** Fills every [data-i18n="key"] element under `root` with its text. */
export function translatePage(root: ParentNode, language: Language): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n]')) {
    const key = el.dataset.i18n as StringKey;
    if (key) el.textContent = translate(language, key);
  }
  if (root instanceof Document) root.documentElement.lang = language;
}
