/**
 * The "learn more" layer: a calm card with a few short paragraphs for the
 * curious. A tap anywhere closes it (the card has no controls to miss), and
 * so does attract mode starting, so it never stays up for the next visitor.
 */
export class LearnMore {
  constructor(
    private readonly button: HTMLElement,
    private readonly layer: HTMLElement,
  ) {
    button.addEventListener('click', this.open);
    layer.addEventListener('click', this.close);
  }

  get isOpen(): boolean {
    return !this.layer.hidden;
  }

  readonly open = (): void => {
    this.layer.hidden = false;
    this.button.setAttribute('aria-expanded', 'true');
  };

  readonly close = (): void => {
    this.layer.hidden = true;
    this.button.setAttribute('aria-expanded', 'false');
  };

  dispose(): void {
    this.button.removeEventListener('click', this.open);
    this.layer.removeEventListener('click', this.close);
  }
}
