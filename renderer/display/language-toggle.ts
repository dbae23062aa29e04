import type { Language } from '../shared/i18n.js';

/**
 * The visitors' "EN | DE" switch: buttons with a data-lang attribute. It
 * starts from the exhibit's language (the hub's welcome) and marks the one
 * in use; a choice lasts until the next welcome or the page's next start.
 */
export class LanguageToggle {
  constructor(
    private readonly group: HTMLElement,
    private readonly onChoose: (language: Language) => void,
  ) {
    group.addEventListener('click', this.onClick);
  }

  show(language: Language): void {
    for (const button of this.group.querySelectorAll<HTMLElement>('[data-lang]')) {
      button.setAttribute('aria-pressed', String(button.dataset.lang === language));
    }
  }

  private readonly onClick = (e: Event): void => {
    const lang = (e.target as HTMLElement | null)?.closest<HTMLElement>('[data-lang]')?.dataset.lang;
    if (lang === 'en' || lang === 'de') this.onChoose(lang);
  };

  dispose(): void {
    this.group.removeEventListener('click', this.onClick);
  }
}
