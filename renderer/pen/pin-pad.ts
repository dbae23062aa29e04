/**
 * The 6-digit PIN keypad: big keys, no on-screen keyboard popping up (no
 * input element), hardware digits work too. Calls `onPin` when six digits
 * are in.
 */
export class PinPad {
  private digits = '';

  constructor(
    private readonly root: HTMLElement,
    private readonly display: HTMLElement,
    private readonly onPin: (pin: string) => void,
  ) {
    root.addEventListener('click', (e) => {
      const key = (e.target as HTMLElement).closest<HTMLButtonElement>('button[data-key]');
      if (key) this.press(key.dataset.key ?? '');
    });
    window.addEventListener('keydown', (e) => {
      // Only while the PIN is asked for: a keyboard case on a paired tablet must not re-pair it.
      if (this.disabled || this.root.closest<HTMLElement>('[hidden]')) return;
      if (/^[0-9]$/.test(e.key)) this.press(e.key);
      else if (e.key === 'Backspace') this.press('back');
    });
    this.render();
  }

  reset(): void {
    this.digits = '';
    this.render();
  }

  private locked = false;

  get disabled(): boolean {
    return this.locked;
  }

  set disabled(value: boolean) {
    this.locked = value;
    for (const button of this.root.querySelectorAll('button')) button.disabled = value;
  }

  private press(key: string): void {
    if (key === 'back') this.digits = this.digits.slice(0, -1);
    else if (/^[0-9]$/.test(key) && this.digits.length < 6) this.digits += key;
    this.render();
    if (this.digits.length === 6) {
      const pin = this.digits;
      this.digits = '';
      this.onPin(pin);
    }
  }

  private render(): void {
    const cells = this.display.children;
    for (let i = 0; i < cells.length; i++) {
      (cells[i] as HTMLElement).textContent = this.digits[i] ?? '';
      cells[i]!.classList.toggle('filled', i < this.digits.length);
    }
  }
}
