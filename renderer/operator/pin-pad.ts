import { h } from './dom.js';

/**
 * The lock screen's keypad: big digit keys for a touch screen, and the
 * keyboard's digits for a laptop. The PIN shows as dots.
 */
export class PinPad {
  private pin = '';

  constructor(
    private readonly keys: HTMLElement,
    private readonly dots: HTMLElement,
    private readonly submit: (pin: string) => void,
    labels: { delete: string; ok: string },
  ) {
    const key = (label: string, onclick: () => void, extra: Record<string, string> = {}): HTMLButtonElement => h('button', { type: 'button', class: 'key', onclick, ...extra }, label);
    const digits = ['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((d) => key(d, () => this.type(d), { 'data-key': d }));
    keys.replaceChildren(...digits, key(labels.delete, () => this.erase(), { id: 'pin-delete' }), key('0', () => this.type('0'), { 'data-key': '0' }), key(labels.ok, () => this.enter(), { id: 'pin-ok', class: 'key primary' }));
    window.addEventListener('keydown', (e) => {
      if (keys.offsetParent === null) return;
      if (/^\d$/.test(e.key)) this.type(e.key);
      else if (e.key === 'Backspace') this.erase();
      else if (e.key === 'Enter') this.enter();
    });
  }

  clear(): void {
    this.pin = '';
    this.render();
  }

  private type(digit: string): void {
    if (this.pin.length < 8) this.pin += digit;
    this.render();
  }

  private erase(): void {
    this.pin = this.pin.slice(0, -1);
    this.render();
  }

  private enter(): void {
    if (this.pin) this.submit(this.pin);
  }

  private render(): void {
    this.dots.textContent = '•'.repeat(this.pin.length) || ' ';
  }
}
