import { translate, type Language, type StringKey } from './i18n.js';

/** Fills every [data-i18n="key"] element under `root` with its text, and every [data-i18n-label="key"] with its accessible name (icon buttons). */
export function translatePage(root: ParentNode, language: Language): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n]')) {
    const key = el.dataset.i18n as StringKey;
    if (key) el.textContent = translate(language, key);
  }
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n-label]')) {
    const key = el.dataset.i18nLabel as StringKey;
    if (key) el.setAttribute('aria-label', translate(language, key));
  }
  if (root instanceof Document) root.documentElement.lang = language;
}
